import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 2
// the image, found in fabric8's <images>: the Dockerfile relative to contextDir, its target, <args> and the
// docker.buildArg.* property; fabric8 builds through the Engine API, whose builder is the classic one
String found = '[INFO] image api: Dockerfile src/main/docker/Dockerfile, context ., target runtime, 2 build args,' +
        ' classic builder, from docker-maven-plugin'
runs.each { assert it.contains(found) }
// an image with a Dockerfile that fabric8 generates is named, not guessed; one it only runs is not an image to build
runs.each { assert it.contains('[INFO] Not checked, from docker-maven-plugin: image sidecar: fabric8 generates its' +
        ' Dockerfile from the <build> configuration.') }
assert !log.contains('postgres')
assert runs[0].contains('[INFO] BUILD SUCCESS')

// the snapshot holds what was checked: the same files, target, args and builder
def snapshot = new JsonSlurper().parse(new File(basedir, 'target/dockercache/snapshot.json'))
assert snapshot.dockerfile == 'src/main/docker/Dockerfile'
assert snapshot.target == 'runtime'
assert snapshot.buildArgs == [APP_MODE: 'prod', JAVA_VERSION: '17']
assert snapshot.builder == 'CLASSIC'
// the debug stage follows the target, so it is not built
assert !snapshot.steps.any { it.instruction?.contains('debug') }
assert runs[1].contains('[INFO] BUILD SUCCESS')
true
