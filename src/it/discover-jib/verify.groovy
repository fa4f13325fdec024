def log = new File(basedir, 'build.log').text
// one line, not the "No Dockerfile" failure a project that declares this plugin would get
assert log.contains('[INFO] Nothing to check in discover-jib: it builds its image with jib-maven-plugin, without a' +
        ' Dockerfile.')
assert !log.contains('No Dockerfile at')
assert !log.contains('[WARNING]')
assert log.contains('[INFO] BUILD SUCCESS')
true
