def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
// one history per module with an image, each over the commits of the one repository that holds the reactor
assert log.contains('''[INFO] No image in history-reactor: no Dockerfile at Dockerfile, skipped.
[INFO] app-a (app-a/Dockerfile):
[INFO] History of Dockerfile over HEAD~4..HEAD: 4 commits, 3 compared, 1 rebuilt a stable layer.
[INFO]   commit   subject                    first stable step rebuilt  cause
[INFO]   611c34d  Add a dependency to app-a  3 COPY pom.xml .           pom.xml content changed (277 -> 295 bytes)
''')
assert log.contains('''[INFO] app-b (app-b/Dockerfile):
[INFO] History of Dockerfile over HEAD~4..HEAD: 4 commits, 3 compared, 0 rebuilt a stable layer.
''')
// and one roll-up
assert log.contains('''[INFO] Images of the reactor (dockercache:history):
[INFO]    module           image             steps  cached  rebuilt  unknown  stable rebuilt  verdict
[INFO]    history-reactor  -                     -       -        -        -               -  no image
[INFO]    app-a            app-a/Dockerfile      -       -        -        -               -  1 of 3 commits rebuilt a stable layer
[INFO]    app-b            app-b/Dockerfile      -       -        -        -               -  0 of 3 commits rebuilt a stable layer
''')
// each module's reports in its own output directory
['app-a', 'app-b'].each { module ->
    def json = new groovy.json.JsonSlurper().parse(new File(basedir, "${module}/target/dockercache/history.json"))
    assert json.commits*.subject == ['Initial import', 'Add a dependency to app-a', 'Edit app-b', 'Document the reactor']
}
true
