def log = new File(basedir, 'build.log').text
// the root runs check before app is packaged again: its jar is still the previous build's, so it is not hashed there
assert log.contains("[INFO] Checked at the end of the reactor: the image copies app/target/app-1.0.jar from the build"
        + " directory of app, which this build builds after this goal.")
assert !log.contains('Not checked')
// app's check, the last of the reactor, checks it once app is packaged: the jar this build made, not the stale one
def app = log.substring(log.indexOf('[INFO] Building jar: '))
assert app.contains('[INFO] reactor-root-copies-module-jar (Dockerfile), at the end of the reactor:')
assert app.contains('[INFO]   1  COPY app/target/app-1.0.jar /app.jar')
assert app =~ /\[INFO\]    reactor-root-copies-module-jar  Dockerfile +1 +- +- +- +- +no baseline\n/
assert log.contains('BUILD SUCCESS')
