def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 4

// only the other-write bit: another umask at checkout, which git does not record; unknown, and the build passes
def umask = runs[1]
assert umask =~ /\[INFO\]   - pom\.xml mode bits changed 06([46])4 -> 06\16 \(expected: only the group\/other write bits, which the umask at checkout sets\)\n/
assert umask.contains('[INFO] Step build:3 (Dockerfile:3) COPY pom.xml . may be rebuilt [stable] [expected]:')
assert umask.contains('[INFO]   ? group/other write bits differ, as a different umask at checkout leaves them: only a build'
        + ' on this machine can tell; record the baseline where the image is built, or use the same umask')
assert umask.contains('[INFO] BUILD SUCCESS')

// the executable bit fails
assert log =~ /pom\.xml mode bits changed 06[46]4 -> 0755/
assert log.contains('2 stable steps would be rebuilt: build:3 (COPY, line 3), build:4 (RUN, line 4).')
assert log.contains('record a new baseline with mvn dockercache:baseline; to report without failing, set -Ddockercache.failOn=never.')
assert log.contains('BUILD FAILURE')

// every report says that check failed, and explain's own report says what check decided
def output = new File(basedir, 'target/dockercache')
assert new File(output, 'check.html').text.contains('<strong>Check fails</strong> \u2014 2 steps would be rebuilt for an'
        + ' unexpected reason, which failOn=stable does not allow.')
assert new File(output, 'check.json').text.contains('"failed": true')
assert new File(output, 'summary.md').text.startsWith(
        '## \u274c dockercache: Dockerfile fails failOn=stable (2 steps rebuilt for an unexpected reason)')
assert new File(output, 'dockercache-junit.xml').text =~ /<testsuite [^>]*failures="2"/
assert new File(output, 'explain.html').text.contains('<strong>Check would fail</strong>')
assert new File(output, 'explain.json').text.contains('"goal": "explain"')
