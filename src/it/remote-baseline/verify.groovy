def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 5

// 1. the snapshot is attached and uploaded
assert runs[0] =~ /Uploaded to it-http: http:\/\/127\.0\.0\.1:18086\/releases\/it\/dockercache\/remote-baseline\/1\.0\/remote-baseline-1\.0-dockercache\.json/

// 2. fetched over HTTP, every step cached
assert runs[1] =~ /Downloaded from it-http: .*remote-baseline-1\.0-dockercache\.json/
assert runs[1].contains('4 steps: 4 cached, 0 rebuilt (0 stable), 0 unknown')

// 3. offline, from the local repository
assert runs[2].contains('4 steps: 4 cached, 0 rebuilt (0 stable), 0 unknown')
assert !runs[2].contains('Downloading')

// 4. a warning that says what happened, and the build goes on
assert runs[3].contains('[WARNING] Cannot resolve the baseline it.dockercache:remote-baseline:json:dockercache:9.9 in offline mode')
assert runs[3].contains('BUILD SUCCESS')

// 5. a strict gate fails with the same message
assert runs[4].contains('Cannot resolve the baseline it.dockercache:remote-baseline:json:dockercache:9.9')
assert runs[4].contains('-Ddockercache.onMissingBaseline=warn')
assert runs[4].contains('BUILD FAILURE')
