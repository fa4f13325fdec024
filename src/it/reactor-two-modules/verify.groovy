def log = new File(basedir, 'build.log').text
// the aggregator has no Dockerfile and says so instead of failing
assert log.contains('[INFO] No image in reactor-two-modules: no Dockerfile at Dockerfile, skipped.')
assert new File(basedir, 'single/.dockercache/baseline.json').isFile()
assert new File(basedir, 'multi/.dockercache/baseline-api.json').isFile()
assert new File(basedir, 'multi/.dockercache/baseline-worker.json').isFile()
assert new File(basedir, 'single/target/dockercache/snapshot.json').isFile()
assert new File(basedir, 'multi/target/dockercache/api/snapshot.json').isFile()
assert new File(basedir, 'multi/target/dockercache/worker/snapshot.json').isFile()
// images named by module, and by name where a module has several
assert log.contains('[INFO] multi/api (multi/api.Dockerfile):')
assert log.contains('[INFO] multi/worker (multi/worker/Dockerfile):')
assert log.contains('[INFO] single (single/Dockerfile):')
assert !log.contains('SKIPPED')
assert log.contains('3 steps: 3 cached, 0 rebuilt (0 stable), 0 unknown')
def worker = new File(basedir, 'multi/.dockercache/baseline-worker.json').text
assert worker.contains('"QUEUE": "jobs"')
assert log.contains('BUILD SUCCESS')
