import java.util.zip.ZipFile

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 3

// the gate: every step lined up, both verdicts and the inputs of each disagreement, then the failure
def gate = runs[1]
assert gate.contains('[INFO]   2          WORKDIR /app                                       plugin cached   engine cached   agrees')
assert gate.contains('[INFO]   4          RUN echo "version $VERSION" > version.txt          plugin cached   engine rebuilt  DISAGREES')
assert gate.contains('[ERROR] Step 4 (Dockerfile:5) RUN echo "version $VERSION" > version.txt: the plugin predicts cached, the engine rebuilt it.')
assert gate =~ /\[ERROR\]   key sha256:[0-9a-f]{64}, the baseline's sha256:[0-9a-f]{64}\n/
assert gate.contains('[ERROR]   input env:VERSION = 1')
assert gate.contains('[ERROR] Step 5 (Dockerfile:6) COPY src ./src: the plugin predicts cached, the engine rebuilt it.')
assert gate.contains('[ERROR] Verified 4 steps against the engine: 2 agree, 2 disagree.')
assert gate.contains('[ERROR] The plugin\'s model disagrees with this engine. target/dockercache/verify-bundle.zip holds'
        + ' what a bug report needs (no file contents, no secret values): please attach it to an issue.')
assert gate.contains('on project verify-disagreement-gate: 2 steps disagree with the engine: 4, 5. The bundle for a bug'
        + ' report is target/dockercache/verify-bundle.zip; to report without failing, set'
        + ' -Ddockercache.failOnDisagreement=false.')
assert gate.contains('BUILD FAILURE')

// reported, not failed
def report = runs[2]
assert report.contains('[ERROR] Verified 4 steps against the engine: 2 agree, 2 disagree.')
assert report.contains('BUILD SUCCESS')

// the bundle: what a bug report needs, no file contents
def zip = new ZipFile(new File(basedir, 'target/dockercache/verify-bundle.zip'))
def names = zip.entries().collect { it.name }
assert names == ['README.txt', 'Dockerfile', 'context.json', 'snapshot.json', 'baseline.json', 'verify.json', 'settings.json']
def entry = { name -> zip.getInputStream(zip.getEntry(name)).getText('UTF-8') }
assert entry('Dockerfile') == new File(basedir, 'Dockerfile').text
assert entry('context.json').contains('"src/main.txt": {')
names.each { name -> assert !entry(name).contains('verify IT app sources') : "${name} holds a file's content" }
assert entry('settings.json').contains('"buildkitVersion": "0.25"')
zip.close()
def json = new File(basedir, 'target/dockercache/verify.json').text
assert json.contains('"format": "dockercache-verify"')
assert json.contains('"disagrees": 2')
return true
