def log = new File(basedir, 'build.log').text
assert log.contains('No baseline at .dockercache/baseline.json: nothing to compare with yet.')
assert log.contains("Record one with 'mvn dockercache:baseline' and commit it")
assert log.contains('BUILD SUCCESS')
assert !log.contains('[WARNING]')
def snapshot = new File(basedir, 'target/dockercache/snapshot.json')
assert snapshot.isFile()
assert snapshot.text.contains('"id": "build:4"')
assert !snapshot.text.contains(basedir.absolutePath) : 'keys and paths are relative'
assert new File(basedir, 'target/dockercache/check.json').text.contains('"verdict": "unknown"')
