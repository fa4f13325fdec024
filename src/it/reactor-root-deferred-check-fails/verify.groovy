def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 2
assert runs[0].contains('[INFO] Recorded the baseline .dockercache/baseline.json with 1 steps (new; it remembers 1 build).')

def build = runs[1]
assert build.contains("[INFO] Checked at the end of the reactor: the image copies app/target/app-1.0.jar from the build"
        + " directory of app, which this build builds after this goal.")
// compared with the jar app's build made, not with the previous build's, which the baseline recorded
assert build.contains('[INFO] reactor-root-deferred-check-fails (Dockerfile), at the end of the reactor:')
assert build =~ /\[ERROR\]   - app\/target\/app-1\.0\.jar content changed \(18 -> \d+ bytes\)\n/
assert build =~ /\[INFO\]    reactor-root-deferred-check-fails  Dockerfile +1 +0 +1 +0 +0 +fails\n/
// the message of any failing check, on the project whose check found it, with the image's project first
assert build =~ /\[ERROR\] Failed to execute goal io\.github\.dockercache:dockercache-maven-plugin:[^ ]+:check \(default\) on project app: reactor-root-deferred-check-fails: 1 step would be rebuilt: 1 \(COPY, line 2\)\. The causes are listed above\. If the change is intended, record a new baseline with mvn dockercache:baseline; to report without failing, set -Ddockercache\.failOn=never\./
assert build.contains('BUILD FAILURE')
