def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 10

// mode bits, with the likely reason and the fix
assert runs[1] =~ /Step 3 \(Dockerfile:3\) COPY pom\.xml \. is rebuilt/
assert runs[1] =~ /pom\.xml mode bits changed 06[46]4 -> 0755/
assert runs[1].contains('fix: the executable bit was set (if that was not meant: chmod -x pom.xml, and git update-index --chmod=-x pom.xml where git records it)')

// line endings only, with the .gitattributes fix
assert runs[3].contains('Step 5 (Dockerfile:5) COPY src ./src is rebuilt')
assert runs[3].contains('src/main/java/app/App.java changed only its line endings (CRLF vs LF)')
assert runs[3].contains(".gitattributes")

// a rename is one cause, not a removal and an addition
assert runs[5].contains('src/main/java/app/App.java was renamed to src/main/java/app/Main.java')

// a build arg: old and new value, where it is declared, on the first RUN after its ARG
assert runs[7].contains('Build args differ from the baseline: REVISION added (\'2\').')
assert runs[7].contains("Step 6 (Dockerfile:7) RUN mvn -B -q -o package -Drevision=\$REVISION is rebuilt")
assert runs[7].contains("build arg REVISION changed: '1' -> '2' (--build-arg REVISION, declared by ARG at line 6)")

// a file still on disk that a new .dockerignore line leaves out: excluded by that line, not removed
assert runs[9].contains('Step 5 (Dockerfile:5) COPY src ./src is rebuilt')
assert runs[9].contains('src/main/java/app/NOTES.md is now excluded by .dockerignore (line 2: `src/**/*.md`)')
assert !runs[9].contains('NOTES.md was removed')
