def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 3
def (edit, any) = [runs[1], runs[2]]
assert edit =~ /build:4 +RUN mvn -B -q dependency:go-offline +cached +stable/
assert edit =~ /build:5 +COPY src \.\/src +rebuilt/
assert edit =~ /build:6 +RUN mvn -B -q -o package +rebuilt +after build:5/
assert edit.contains('src/main/java/app/App.java content changed')
assert edit.contains('BUILD SUCCESS')
assert !edit.contains('[WARNING]')

// failOn=any: the build fails for the rebuilt steps, and the JUnit file fails for each of them, among all steps
assert any.contains('2 steps would be rebuilt: build:5 (COPY, line 5), build:6 (RUN, line 6).')
assert any.contains('BUILD FAILURE')
def junit = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
        .parse(new File(basedir, 'target/dockercache/dockercache-junit.xml')).documentElement
assert [junit.getAttribute('tests'), junit.getAttribute('failures'), junit.getAttribute('skipped')] == ['8', '2', '1']
def failures = junit.getElementsByTagName('failure')
assert (0..<failures.length).collect { failures.item(it).parentNode.getAttribute('name') } ==
        ['build:5 COPY src ./src', 'build:6 RUN mvn -B -q -o package']
def report = new File(basedir, 'target/dockercache/check.json').text
assert report.contains('"kind": "file-content"')
