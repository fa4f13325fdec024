def log = new File(basedir, 'build.log').text
// the root runs check before app is packaged again: its jar is the previous build's, and is not hashed
assert log.contains("[WARNING] Not checked: the image copies app/target/app-1.0.jar from the build directory of app,"
        + " which this build builds after this goal, so these are the previous build's files. If the image does not"
        + " need them, add app/target/ to .dockerignore; else check the image once the build has finished: mvn"
        + " dockercache:check.")
assert !log.contains('at the end of the reactor')
assert log.contains('BUILD SUCCESS')
