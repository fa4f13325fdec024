import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 10 : "one log part per invocation, got ${runs.size()}"
def (onlyAppB, notBuilt, firstVerify, baseline, secondVerify, corrupt, missing, libEdited, fromContext, sharedEdited) = runs.toList()

/** Every module has its line in Maven's summary, none SKIPPED. */
def summarized = { String run ->
    assert !run.contains('SKIPPED')
    ['shop', 'lib', 'app-a', 'app-b'].each { module -> assert run =~ /\[INFO\] ${module} \.+ SUCCESS/ }
}

// 2. a reactor-wide baseline before app-a is built: app-a is said to be unbuilt, app-b is recorded all the same,
// the aggregator and the library (no Dockerfile) are skipped with one line each
assert notBuilt.contains('[INFO] No image in shop: no Dockerfile at Dockerfile, skipped.')
assert notBuilt.contains('[INFO] No image in lib: no Dockerfile at lib/Dockerfile, skipped.')
assert notBuilt.contains('app-a/jvm: app-a/target/dependency, which the image copies (app-a/Dockerfile:2:1), does not'
        + ' exist: the project is not built yet. Build it first: mvn package -pl :app-a -am.')
assert notBuilt.contains('app-a/shared: app-a/target/app-a.jar, which the image copies (docker/Dockerfile:3:1), does'
        + ' not exist: the project is not built yet. Build it first: mvn package -pl :app-a -am.')
assert notBuilt.contains('[INFO] Recorded the baseline app-b/.dockercache/baseline.json with 2 steps (new; it remembers 1 build).')
// one baseline recorded: the remedy names it, after the roll-up
assert notBuilt.contains('[INFO] Commit app-b/.dockercache/baseline.json, so that every build compares with it.')
assert notBuilt =~ /\[INFO\] app-a \.+ FAILURE/
assert !notBuilt.contains('SKIPPED')

// 3. mvn verify, no phase set: check runs after the repackaging of app-a's jar (the plugin is an extension)
def repackage = firstVerify =~ /--- (maven-)?antrun(-plugin)?:3\.1\.0:run \(repackage\) @ app-a ---/
def checkOfAppA = firstVerify =~ /:check \(default\) @ app-a ---/
assert repackage.find() && checkOfAppA.find()
assert firstVerify.indexOf(repackage.group()) < firstVerify.indexOf(checkOfAppA.group())
assert firstVerify.contains('[WARNING] No baseline at app-a/.dockercache/baseline-jvm.json: nothing to compare with yet.')
// the remedy for the missing baselines comes once, after the roll-up, with one command for every image that needs it
assert !firstVerify.contains('Record one with')
assert firstVerify.contains('[INFO] No baseline yet for 2 images: record them with mvn dockercache:baseline -pl :app-a'
        + ' and commit them; later builds are then checked against them.')
assert firstVerify.indexOf('[INFO] Images of the reactor') < firstVerify.indexOf('[INFO] No baseline yet for')
// the hint of the Dockerfile app-a/shared and app-b share is said once, app-a's own Dockerfile has its own
assert firstVerify.count('[INFO] 1 hint to keep the cache (DC301): run mvn dockercache:explain -pl :app-a.') == 2
assert !firstVerify.contains('explain -pl :app-b')
assert firstVerify.contains('[INFO] 1 hint to keep the cache (DC301) of docker/Dockerfile: shown above, with app-a/shared.')
assert firstVerify.contains('[INFO] app-a/jvm (app-a/Dockerfile):')
assert firstVerify.contains('[INFO] app-a/shared (docker/Dockerfile):')
// the Dockerfile shared by app-a and app-b warns once
assert firstVerify.count('JSONArgsRecommended') == 1
assert firstVerify.contains('[INFO] The warning of docker/Dockerfile is shown above, with app-a/shared.')
assert firstVerify.contains('[INFO] Images of the reactor (dockercache:check):')
assert firstVerify =~ /shop +- +- +- +- +- +- +no image/
assert firstVerify =~ /lib +- +- +- +- +- +- +no image/
assert firstVerify =~ /app-a +jvm +3 +- +- +- +- +no baseline/
assert firstVerify =~ /app-a +shared +2 +- +- +- +- +no baseline/
assert firstVerify =~ /app-b +docker\/Dockerfile +2 +2 +0 +0 +0 +passes/
summarized(firstVerify)

// 4. a reactor-wide baseline with no -pl: every image recorded, every module SUCCESS in Maven's summary
['app-a/.dockercache/baseline-jvm.json': 3, 'app-a/.dockercache/baseline-shared.json': 2, 'app-b/.dockercache/baseline.json': 2]
        .each { file, steps -> assert baseline.contains("[INFO] Recorded the baseline ${file} with ${steps} steps") }
assert baseline.contains('[INFO] app-b (docker/Dockerfile):')
assert !baseline.contains('Commit it')
assert baseline.contains('[INFO] Commit the 3 baselines, so that every build compares with them.')
assert baseline.count('JSONArgsRecommended') == 1
assert baseline =~ /app-a +jvm +3 +- +- +- +- +recorded \(new\)/
assert baseline =~ /app-b +docker\/Dockerfile +2 +2 +0 +0 +0 +recorded/
summarized(baseline)

// 5. the build again: everything cached, the roll-up has every module
assert secondVerify =~ /app-a +jvm +3 +3 +0 +0 +0 +passes/
assert secondVerify =~ /app-a +shared +2 +2 +0 +0 +0 +passes/
assert secondVerify =~ /app-b +docker\/Dockerfile +2 +2 +0 +0 +0 +passes/
summarized(secondVerify)

// 6. a corrupt baseline says what is wrong in it, with a command that records it again, and names no library class
assert corrupt.contains('The baseline app-b/corrupt-baseline.json cannot be used: it is not valid JSON (Expected a list'
        + ' but was a number at line 1 column 60 path $.steps). Record it again with mvn dockercache:baseline -pl :app-b'
        + ' -Ddockercache.baseline=corrupt-baseline.json -Ddockercache.force=true (which replaces a file it cannot'
        + ' read), or delete it.')
assert !corrupt.contains('gson') && !corrupt.contains('IllegalStateException')

// 7. a Dockerfile asked for on the command line that does not exist fails the goal
assert missing.contains('No Dockerfile at lib/missing.Dockerfile. Set <dockerfile> or -Ddockercache.dockerfile=FILE.')

// 8. a source edit of lib changes its jar in app-a's dependency layer: rebuilt, expected (lib is a module of this
// build, as the baseline records), and the build passes
assert libEdited.contains('[INFO] Step 2 (app-a/Dockerfile:2) COPY target/dependency/ /app/lib/ is rebuilt [stable] [expected]:')
assert libEdited.contains('[INFO]   - target/dependency/lib-1.0.jar content changed: shop/lib: added Cents.class (expected:'
        + ' it.dockercache:lib is a module of this build)')
assert libEdited =~ /app-a +jvm +3 +1 +2 +0 +1 +passes/
assert new File(basedir, 'app-a/.dockercache/baseline-jvm.json').text.contains('"modules": [\n      "it.dockercache:lib:jar:1.0"\n    ]')
summarized(libEdited)

// 9. a module's Dockerfile is taken from the module's directory; one that is only beside the context is pointed at
assert fromContext.contains('No Dockerfile at lib/Dockerfile. The Dockerfile\'s path is taken from the module\'s'
        + ' directory, not from the context: to use docker/Dockerfile, set <dockerfile>../docker/Dockerfile</dockerfile>.')

// 10. the edit of the shared Dockerfile fails app-a/shared; Maven skips app-b, whose image would fail alike: the remedy
// records both, with no -pl as they are every project with an image
assert sharedEdited.contains('[ERROR] Step 2 (docker/Dockerfile:3) COPY ${JAR_FILE} /app/service.jar is rebuilt:')
assert sharedEdited.contains('on project app-a: shared: 1 step would be rebuilt: 2 (COPY, line 3). The causes are listed'
        + ' above. If the change is intended, record a new baseline with mvn dockercache:baseline; to report without'
        + ' failing, set -Ddockercache.failOn=never.')
assert !(sharedEdited =~ /:check \(default\) @ app-b/)

// reports name the shared Dockerfile from the reactor root; the committed baseline from its context, never absolutely
def summary = new File(basedir, 'app-b/target/dockercache/summary.md').text
assert summary.startsWith('## ✅ dockercache: docker/Dockerfile passes')
assert new File(basedir, 'app-b/target/dockercache/dockercache-junit.xml').text.contains('name="dockercache: docker/Dockerfile"')
def recorded = new File(basedir, 'app-b/.dockercache/baseline.json').text
assert recorded.contains('"dockerfile": "../../docker/Dockerfile"')
assert !recorded.contains(basedir.absolutePath)

// the plugin's files follow the umask, as the jar beside them does
def permissions = { String path -> Files.getPosixFilePermissions(new File(basedir, path).toPath()) }
assert permissions('app-b/target/dockercache/snapshot.json') == permissions('app-b/target/app-b-1.0.jar')
assert permissions('app-b/.dockercache/baseline.json') == permissions('app-b/target/app-b-1.0.jar')
