import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// the default group's target, with what it inherits: the context from the file's directory, the Dockerfile from it
assert log.contains('[INFO] image api: Dockerfile services/api/Dockerfile, context services, target runtime,' +
        ' 2 build args, from docker-bake.json')
// compose.yaml describes an image too: said, and not merged
assert log.contains('[WARNING] compose.yaml also describes images (web); only those from docker-bake.json are' +
        ' checked. List the images to check under <images> to choose.')
assert !log.contains('image web')
assert log.contains('[INFO] BUILD SUCCESS')
def snapshot = new JsonSlurper().parse(new File(basedir, 'target/dockercache/snapshot.json'))
assert snapshot.dockerfile == 'api/Dockerfile'
assert snapshot.target == 'runtime'
assert snapshot.buildArgs == [APP_MODE: 'prod', JAVA_VERSION: '21']
true
