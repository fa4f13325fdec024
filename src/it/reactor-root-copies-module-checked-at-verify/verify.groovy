def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 2
def deferred = "[INFO] Checked at the end of the reactor: the image copies other/target/other-1.0.jar from the build" +
        " directory of other, which this build builds after this goal."

def packaged = runs[0]
assert packaged.contains(deferred)
// said once the build has ended, as nothing checked it
assert packaged.contains("[WARNING] reactor-root-copies-module-checked-at-verify: Not checked: the image copies"
        + " other/target/other-1.0.jar from the build directory of other, which this build builds after this goal, and"
        + " no check of this build ran once other was built. Check the image once the build has finished: mvn"
        + " dockercache:check.")
assert !packaged.contains('(Dockerfile), at the end of the reactor:')
assert packaged.contains('BUILD SUCCESS')

def verified = runs[1]
assert verified.contains(deferred)
def other = verified.substring(verified.indexOf('@ other ---'))
assert other.contains('[INFO] reactor-root-copies-module-checked-at-verify (Dockerfile), at the end of the reactor:')
assert other.contains('[INFO]   1  COPY other/target/other-1.0.jar /app.jar')
assert !verified.contains('Not checked')
assert verified.contains('BUILD SUCCESS')
