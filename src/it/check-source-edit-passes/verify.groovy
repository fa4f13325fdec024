def log = new File(basedir, 'build.log').text
assert log =~ /build:4 +RUN mvn -B -q dependency:go-offline +cached +stable/
assert log =~ /build:5 +COPY src \.\/src +rebuilt/
assert log =~ /build:6 +RUN mvn -B -q -o package +rebuilt +after build:5/
assert log.contains('src/main/java/app/App.java content changed')
assert log.contains('BUILD SUCCESS')
assert !log.contains('[WARNING]')
def report = new File(basedir, 'target/dockercache/report.json').text
assert report.contains('"kind": "file-content"')
