// One run per invocation (invoker.properties), each compared with the baseline the first one recorded.
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1).collect { it.readLines() }
assert runs.size() == 6
def (recorded, sourceEdit, drift, bumpEdit, bump, bumpAndChmod) = runs
String lib = 'target/quarkus-app/lib/main/it.dockercache.deps.lib'
String failure = 'on project check-quarkus-jvm: 1 stable step would be rebuilt: 2 (COPY, line 11).'

// the base image and the dependency layer are stable; what follows reads the application
assert recorded.contains('[INFO] Recorded the baseline .dockercache/baseline.json with 5 steps (new; it remembers 1 build).')

// a source edit rebuilds the application layers only, and passes
assert sourceEdit.contains('[INFO]   2  COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/  cached   stable')
assert sourceEdit.contains('[INFO] Step 4 (src/main/docker/Dockerfile.jvm:13) COPY --chown=185 target/quarkus-app/app/ /deployments/app/ is rebuilt:')
assert sourceEdit.contains('[INFO] 5 steps: 3 cached, 2 rebuilt (0 stable), 0 unknown')
assert sourceEdit.contains('[INFO] BUILD SUCCESS')

// the same dependency with other bytes: the dependency layer fails, naming the jar
assert drift.contains('[INFO]   2  COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/  rebuilt  stable')
assert drift.contains('[ERROR] Step 2 (src/main/docker/Dockerfile.jvm:11) COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/ is rebuilt [stable]:')
assert drift.contains("[ERROR]   - $lib-b-1.0.jar content changed (56 -> 63 bytes)".toString())
assert drift.any { it.contains(failure) }
assert drift.contains('[INFO] BUILD FAILURE')

// a dependency update passes, naming the dependencies and the jars added and removed
assert bumpEdit.contains('[INFO] BUILD SUCCESS')
assert bump.contains('[INFO] Dependencies differ from the baseline: it.dockercache.deps:lib-a 1.0 -> 1.1, added it.dockercache.deps:lib-c:1.0.')
assert bump.contains('[INFO]   2  COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/  rebuilt  stable  (expected)')
assert bump.contains("[INFO]   - $lib-a-1.0.jar was removed (expected: dependency it.dockercache.deps:lib-a 1.0 -> 1.1)".toString())
assert bump.contains("[INFO]   - $lib-a-1.1.jar was added (expected: dependency it.dockercache.deps:lib-a 1.0 -> 1.1)".toString())
assert bump.contains("[INFO]   - $lib-c-1.0.jar was added (expected: dependency added it.dockercache.deps:lib-c:1.0)".toString())
assert bump.contains('[INFO] BUILD SUCCESS')

// the update with a dependency jar made executable fails on the mode bits; pom.xml is not in the image (.dockerignore)
assert bumpAndChmod.contains("[ERROR]   - $lib-a-1.1.jar was added (expected: dependency it.dockercache.deps:lib-a 1.0 -> 1.1)".toString())
// the mode the build wrote the jar with follows the umask
assert bumpAndChmod.any { it ==~ /\[ERROR\]   - target\/quarkus-app\/lib\/main\/it\.dockercache\.deps\.lib-b-1\.0\.jar mode bits changed 06[46]4 -> 0755/ }
assert !bumpAndChmod.any { it ==~ /\[(INFO|ERROR)\]   - .*pom\.xml.*/ }
assert bumpAndChmod.any { it.contains(failure) }
assert bumpAndChmod.contains('[INFO] BUILD FAILURE')
true
