def log = new File(basedir, 'build.log').text
def plugin = 'io.github.dockercache:dockercache-maven-plugin:0.1.0-SNAPSHOT'

// 1: located as BuildKit locates it, in BuildKit's words
assert log.contains('broken.Dockerfile:2:1: unknown instruction: FORM (did you mean FROM?)')
// 2: the parameter, the value, and the values it takes
assert log.contains("<failOn>: 'sometimes' is not one of stable, any, never.")
// 3: which file, why, and the two ways out
assert log.contains('The baseline corrupt-baseline.json cannot be used: it is not valid JSON (End of input at line 1'
        + ' column 26 path $.images[0]). Record it again with mvn ' + plugin + ':baseline'
        + ' -Ddockercache.baseline=corrupt-baseline.json -Ddockercache.force=true (which replaces a file it cannot'
        + ' read), or delete it.')
// 4: offline without the published baseline: a warning that says what to do, and the build goes on
assert log.contains('[WARNING] Cannot resolve the baseline it.dockercache:never-published:json:dockercache:1.0 in'
        + ' offline mode: ')
assert log.contains('Deploy a build of it first (mvn deploy attaches the snapshot), or check <baselineArtifact>.')
// 5, 6: a changed secret without a key is unknown, never cached, never rebuilt, and its value is never shown
assert log.contains('[INFO]   3  RUN [--mount] echo "$DB_PASS" > /app/conn  unknown')
assert log.contains('[INFO]   - build arg DB_PASS depends on a secret')
assert log.contains('[INFO]   ? no secret key is configured, so values derived from a secret are not compared. Pass'
        + ' the secret with RUN --mount=type=secret, or set the key (DOCKERCACHE_SECRET_KEY, or the build tool\'s'
        + ' credentials; see docs/secrets.md)')
assert log.contains('[INFO] 4 steps: 2 cached, 0 rebuilt (0 stable), 2 unknown')
// the hint repeats the secret as it was given, by name only: its value still comes from the environment
assert log.contains('[INFO] 2 hints to keep the cache (DC301, DC401): run mvn ' + plugin + ':explain'
        + ' -Ddockercache.buildArgs=DB_PASS.')
assert !log.contains('secret-value')
new File(basedir, '.dockercache').eachFileRecurse { assert !it.isFile() || !it.text.contains('secret-value') }

// 7: found by the table's checksum when read, before any verdict
assert log.contains('The baseline damaged-table-baseline.json cannot be used: its file table does not match its'
        + ' checksum (the file was changed or damaged). Record it again with mvn ' + plugin + ':baseline'
        + ' -Ddockercache.baseline=damaged-table-baseline.json -Ddockercache.force=true (which replaces a file it'
        + ' cannot read), or delete it.')

// bad input is never a stack trace of the plugin's own
assert !(log =~ /\tat io\.github\.dockercache|    at io\.github\.dockercache\.(?!maven\.AbstractDockercacheMojo\.(fail|execute))/)
