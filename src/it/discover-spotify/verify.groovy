import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// the files as Maven resolves Spotify's file parameters, from the project's directory; its Engine API build is classic
assert log.contains('[INFO] image worker: Dockerfile app/docker/Dockerfile, context app, 1 build arg, classic builder,' +
        ' from dockerfile-maven-plugin')
assert log.contains('[INFO] BUILD SUCCESS')
def snapshot = new JsonSlurper().parse(new File(basedir, 'target/dockercache/snapshot.json'))
assert snapshot.dockerfile == 'docker/Dockerfile' // relative to the context
assert snapshot.buildArgs == [JAR_FILE: 'worker.jar']
assert snapshot.builder == 'CLASSIC'
// the build arg names the file COPY reads in the context
assert snapshot.steps.find { it.text == 'COPY ${JAR_FILE} /app.jar' }.sources == ['worker.jar']
true
