def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 3

def all = runs[0]
assert all.contains('BUILD SUCCESS')
// the commit ids are fixed: prebuild.groovy gives every commit its name and date
assert all.contains('''[INFO] History of Dockerfile over HEAD~7..HEAD: 7 commits, 6 compared, 3 rebuilt a stable layer.
[INFO]   commit   subject                  first stable step rebuilt  cause
[INFO]   d63d4ed  Add a dependency         3 COPY pom.xml .           pom.xml content changed (48 -> 63 bytes)
[INFO]   65e90d5  Make pom.xml executable  3 COPY pom.xml .           pom.xml mode bits changed 0644 -> 0755
[INFO]   2703066  Bump busybox to 1.37     1 FROM busybox:1.37        the base image changed: docker.io/library/busybox:1.36 -> docker.io/library/busybox:1.37
[INFO] Rebuild rate per step over the 6 commits compared:
[INFO]   1 FROM busybox:1.36 [stable]: rebuilt by 1 of 6 commits
[INFO]   2 WORKDIR /app [stable]: rebuilt by 1 of 6 commits
[INFO]   3 COPY pom.xml . [stable]: rebuilt by 3 of 6 commits
[INFO]   4 RUN mvn -B dependency:go-offline [stable]: rebuilt by 3 of 6 commits
[INFO]   5 COPY src ./src: rebuilt by 4 of 6 commits
[INFO]   6 RUN mvn -B package: rebuilt by 4 of 6 commits
[INFO]   7 COPY target/app.jar app.jar: rebuilt by 4 of 6 commits, unknown in 2
[INFO] Not compared: b4f8847 Initial import (nothing earlier to compare with: the first commit).
[INFO] Note: the build context holds files git does not track (target/): steps that read them are unknown.
''')
def output = new File(basedir, 'target/dockercache')
assert all.contains('[INFO] Commits by layers: ' + output.toPath().resolve('history.html').toUri())
def json = new groovy.json.JsonSlurper().parse(new File(output, 'history.json'))
assert json.format == 'dockercache-history'
assert json.commits*.subject == ['Initial import', 'Edit the source', 'Add a dependency', 'Make pom.xml executable',
        'Document the build', 'Bump busybox to 1.37', 'Revert "Bump busybox to 1.37"']
// the revert is a hit: BuildKit still has the layers of the commit before the bump
assert json.commits[6].firstStableRebuilt == null
assert json.commits[6].steps*.verdict == ['cached'] * 6 + ['unknown']
assert new File(output, 'history.html').text.contains('<title>Docker cache history: Dockerfile</title>')

def range = runs[1]
assert range.contains('[INFO] History of Dockerfile over HEAD~2..HEAD: 2 commits, 2 compared, 1 rebuilt a stable layer.')

def unknown = runs[2]
assert unknown.contains("git knows no commit 'nosuch'; check the range")
assert unknown.contains('BUILD FAILURE')
assert new groovy.json.JsonSlurper().parse(new File(basedir, 'target/range/history.json')).commits*.subject ==
        ['Bump busybox to 1.37', 'Revert "Bump busybox to 1.37"']
