// One run per invocation (invoker.properties), each compared with the baselines the first one recorded.
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1).collect { it.readLines() }
assert runs.size() == 6
def (recorded, sourceEdit, drift, bumpEdit, bump, bumpAndChmod) = runs
String lib = 'target/dependency/BOOT-INF/lib/lib'
def matches = { List<String> run, String regex -> run.any { it ==~ regex } }

assert recorded.contains('[INFO] Recorded the baseline .dockercache/baseline-multi-stage.json with 13 steps (new; it remembers 1 build).')
assert recorded.contains('[INFO] Recorded the baseline .dockercache/baseline-unpacked.json with 4 steps (new; it remembers 1 build).')

// a source edit: the extract stage, built FROM the builder after COPY src, is not stable; the dependency layers copied
// from it may be rebuilt (only a real build can tell), which never fails; the build passes
assert sourceEdit.contains('[INFO]   builder:4  RUN mvn -B -q dependency:go-offline                              cached   stable')
assert sourceEdit.contains('[INFO]   extract:1  RUN java -Djarmode=tools -jar target/demo.jar extract ...        rebuilt  after builder:5')
assert sourceEdit.contains('[INFO]   runtime:3  COPY --from=extract /workspace/extracted/dependencies/ ./        unknown  stable')
assert sourceEdit.contains('[INFO]   runtime:4  COPY --from=extract /workspace/extracted/spring-boot-loader/ ./  unknown  stable  after runtime:3')
assert sourceEdit.contains('[INFO]   runtime:5  COPY --from=extract ...                                          unknown  after runtime:3')
assert sourceEdit.contains('[INFO] 13 steps: 6 cached, 3 rebuilt (0 stable), 4 unknown')
assert sourceEdit.contains('[INFO]   2  COPY ${DEPENDENCY}/BOOT-INF/lib /app/lib   cached   stable')
assert sourceEdit.contains('[INFO] BUILD SUCCESS')

// the same dependency with other bytes: the unpacked image's dependency layer fails, naming the jar
assert drift.contains('[ERROR] Step 2 (Dockerfile.unpacked:6) COPY ${DEPENDENCY}/BOOT-INF/lib /app/lib is rebuilt [stable]:')
assert drift.contains("[ERROR]   - $lib-b-1.0.jar content changed (56 -> 63 bytes)".toString())
assert drift.any { it.contains('on project check-spring-boot-layers: unpacked: 1 stable step would be rebuilt: 2 (COPY, line 6).') }
assert drift.contains('[INFO] BUILD FAILURE')

// a dependency update passes in both images: the manifest in the multi-stage one, the jars added and removed in the other
assert bumpEdit.contains('[INFO] BUILD SUCCESS')
assert bump.count('[INFO] Dependencies differ from the baseline: it.dockercache.deps:lib-a 1.0 -> 1.1, added it.dockercache.deps:lib-c:1.0.') == 2
assert bump.contains('[INFO]   builder:3  COPY pom.xml .                                                   rebuilt  stable  (expected)')
assert matches(bump, /\[INFO\]   - pom\.xml content changed \(\d+ -> \d+ bytes\) \(expected: a dependency manifest\)/)
assert bump.contains('[INFO]   2  COPY ${DEPENDENCY}/BOOT-INF/lib /app/lib   rebuilt  stable  (expected)')
assert bump.contains("[INFO]   - $lib-a-1.0.jar was removed (expected: dependency it.dockercache.deps:lib-a 1.0 -> 1.1)".toString())
assert bump.contains("[INFO]   - $lib-a-1.1.jar was added (expected: dependency it.dockercache.deps:lib-a 1.0 -> 1.1)".toString())
assert bump.contains("[INFO]   - $lib-c-1.0.jar was added (expected: dependency added it.dockercache.deps:lib-c:1.0)".toString())
assert bump.contains('[INFO] BUILD SUCCESS')

// the same update with pom.xml made executable: both causes are listed, and the mode fails the multi-stage image
assert matches(bumpAndChmod, /\[ERROR\]   - pom\.xml content changed \(\d+ -> \d+ bytes\) \(expected: a dependency manifest\)/)
assert matches(bumpAndChmod, /\[ERROR\]   - pom\.xml mode bits changed 06[46]4 -> 0755/)
assert bumpAndChmod.any { it.contains('on project check-spring-boot-layers: multi-stage: 2 stable steps would be rebuilt:'
        + ' builder:3 (COPY, line 5), builder:4 (RUN, line 6).') }
assert bumpAndChmod.contains('[INFO] BUILD FAILURE')
true
