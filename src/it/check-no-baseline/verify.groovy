def log = new File(basedir, 'build.log').text
// not checked against anything: a warning, with the command that records one (the POM declares the plugin, so its
// prefix resolves)
assert log.contains('[WARNING] No baseline at .dockercache/baseline.json: nothing to compare with yet.')
assert log.contains('[INFO] Record one with mvn dockercache:baseline and commit it')
assert log.contains('BUILD SUCCESS')
assert log.count('[WARNING]') == 1
def snapshot = new File(basedir, 'target/dockercache/snapshot.json')
assert snapshot.isFile()
assert snapshot.text.contains('"id": "build:4"')
assert !snapshot.text.contains(basedir.absolutePath) : 'keys and paths are relative'
assert new File(basedir, 'target/dockercache/report.json').text.contains('"verdict": "unknown"')
