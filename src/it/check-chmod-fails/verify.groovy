def log = new File(basedir, 'build.log').text
assert log =~ /pom\.xml mode bits changed 06[46]4 -> 0755/
assert log.contains('2 stable steps would be rebuilt: build:3 (COPY, line 3), build:4 (RUN, line 4).')
assert log.contains('record a new baseline with mvn dockercache:baseline; to report without failing, set -Ddockercache.failOn=never.')
assert log.contains('BUILD FAILURE')
