import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// each service with a build: section, its context relative to compose.yaml and its Dockerfile to the context
assert log.contains('[INFO] image api: Dockerfile api/Dockerfile.jvm, context api, target runtime, 2 build args,' +
        ' from compose.yaml')
assert log.contains('[INFO] image worker: Dockerfile worker/Dockerfile, context worker, from compose.yaml')
assert !log.contains('image db')
assert log.contains('[INFO] BUILD SUCCESS')
// two images: each has its own output directory, named after its service
def api = new JsonSlurper().parse(new File(basedir, 'target/dockercache/api/snapshot.json'))
assert api.dockerfile == 'Dockerfile.jvm'
assert api.target == 'runtime'
assert api.buildArgs == [APP_MODE: 'prod', JAVA_VERSION: '21']
assert api.builder == 'BUILDKIT'
assert !api.steps.any { it.instruction?.contains('debug') }
def worker = new JsonSlurper().parse(new File(basedir, 'target/dockercache/worker/snapshot.json'))
assert worker.dockerfile == 'Dockerfile'
assert worker.buildArgs == [:]
true
