def log = new File(basedir, 'build.log').text
assert log.contains('Refusing to overwrite .dockercache/baseline.json')
assert log.contains('-Ddockercache.force=true')
assert !log.contains('\tat ') : 'no stack trace for bad input'
def baseline = new File(basedir, '.dockercache/baseline.json').text
assert baseline.startsWith('{"format": "dockercache-snapshot", "version": 1, "steps": [') : 'left untouched'
