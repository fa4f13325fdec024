def log = new File(basedir, 'build.log').text
// the aggregator has no Dockerfile and says so instead of failing
assert log.contains('No Dockerfile at')
assert new File(basedir, 'single/.dockercache/baseline.json').isFile()
assert new File(basedir, 'multi/.dockercache/baseline-api.json').isFile()
assert new File(basedir, 'multi/.dockercache/baseline-worker.json').isFile()
assert new File(basedir, 'single/target/dockercache/snapshot.json').isFile()
assert new File(basedir, 'multi/target/dockercache/api/snapshot.json').isFile()
assert new File(basedir, 'multi/target/dockercache/worker/snapshot.json').isFile()
assert log.contains('Image api (')
assert log.contains('Image worker (')
assert log.contains('3 steps: 3 cached, 0 rebuilt (0 stable), 0 unknown')
def worker = new File(basedir, 'multi/.dockercache/baseline-worker.json').text
assert worker.contains('"QUEUE": "jobs"')
assert log.contains('BUILD SUCCESS')
