def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 6
def failure = { run, message ->
    assert runs[run].contains('on project verify-unusable-log: ' + message + ' -> [Help 1]') : runs[run]
    assert runs[run].contains('BUILD FAILURE')
}
def dir = basedir.canonicalPath

failure(0, 'No build log to verify: give the log of the real build with -Ddockercache.buildLog=FILE (docker buildx'
        + ' build --progress=rawjson . 2> build.json, or --progress=plain).')
failure(1, "Cannot verify: ${dir}/missing.log: no such file")
failure(2, "Cannot verify: ${dir}/garbled.log:1: not a BuildKit build log (no '#<n> ' or JSON progress line); log a"
        + " build with 'docker buildx build --progress=rawjson . 2> build.json' (or --progress=plain)")
failure(3, 'No baseline at .dockercache/baseline.json: nothing to compare with yet. verify compares the real build with'
        + ' the plugin\'s prediction against the baseline whose cache it was built from: record one with'
        + ' mvn dockercache:baseline.')
assert runs[4].contains('BUILD SUCCESS')
failure(5, 'other-build.log is not a log of this build: the log has a step build:2 (WORKDIR /w) that the Dockerfile,'
        + ' as the plugin reads it for this target, does not. Verify the log of the build of this Dockerfile, target and'
        + ' commit.')
assert !new File(basedir, 'target/dockercache/verify-bundle.zip').exists()
return true
