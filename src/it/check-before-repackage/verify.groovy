def log = new File(basedir, 'build.log').text
// check runs between the jar and the repackaging: it must not hash the jar about to be replaced
assert log.contains('The image copies target/app.jar from the build directory, which this build has not finished:'
        + ' maven-antrun-plugin:run (repackage) runs after this goal. Add <extensions>true</extensions> to the'
        + ' dockercache-maven-plugin entry in the POM: check then runs after every other execution of its phase'
        + ' (docs/reactors.md); or bind it to a later phase, such as <phase>verify</phase> in its <execution>.')
assert !new File(basedir, 'target/dockercache/snapshot.json').exists() : 'nothing recorded from a half-built jar'
