def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 2
String found = '[INFO] No Dockerfile at Dockerfile: using src/main/docker/Dockerfile.jvm, Quarkus\'s JVM Dockerfile.' +
        ' To use another, set <dockerfile> or -Ddockercache.dockerfile=FILE.'
runs.each { assert it.contains(found) }
assert runs[0].contains('[INFO] Recorded the baseline .dockercache/baseline.json with 2 steps')
assert runs[1].contains('[INFO]   2  COPY --chown=185 src/main/resources/ /deployments/config/  cached')
assert runs[1].contains('[INFO] BUILD SUCCESS')
assert !log.contains('No Dockerfile at Dockerfile. Set')
