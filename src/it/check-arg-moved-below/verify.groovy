def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 4 : "one log part per invocation, got ${runs.size()}"
def moved = runs[1]

// the RUN lost PORT from its environment because the ARG moved below it, not because the build stopped giving it
assert moved.contains('[ERROR] Step 2 (moved.Dockerfile:2) RUN true is rebuilt [stable]:')
assert moved.contains("[ERROR]   - build arg PORT is no longer in its environment (was '8081', --build-arg PORT, declared by"
        + ' ARG at line 2): the build still gives it, but no ARG above this step declares it now')
// moving the ARG below the step was the edit: it is not offered again as the fix
assert !moved.contains('declare ARG PORT just before the first step that uses it')
assert !moved.contains('is no longer set')
// the hint records the baseline this build would compare with: the same Dockerfile and the same build args
assert moved.contains('record a new baseline with mvn dockercache:baseline -Ddockercache.dockerfile=moved.Dockerfile'
        + ' -Ddockercache.buildArgs=PORT=8081;')

// a secret build arg is repeated with a placeholder for its value, never the value
assert runs[2].contains("record a new baseline with mvn dockercache:baseline -Ddockercache.buildArgs='API_TOKEN=<secret>'"
        + ' -Ddockercache.network=host;')
assert runs[3].contains('dockercache.buildArgs: API_TOKEN=<secret> stands for a secret value that hints do not print: put'
        + ' the value in its place, or give API_TOKEN alone to take it from the environment variable API_TOKEN.')
def fixtures = ['Dockerfile', 'moved.Dockerfile', 'pom.xml', 'invoker.properties', 'verify.groovy']
def checked = []
basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    def name = basedir.toPath().relativize(file.toPath()).toString()
    if (!fixtures.contains(name)) {
        assert !file.getText('ISO-8859-1').contains('tok-s3cr3t-9931'), "${name} holds the secret value"
        checked << name
    }
}
assert checked.containsAll(['build.log', 'target/dockercache/check.json', 'target/dockercache/summary.md']) : checked
