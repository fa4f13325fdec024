def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] Cannot resolve the baseline it.dockercache:remote-baseline-silent:json:dockercache:1.0: ')
assert log =~ /(?i)timed out/
assert log.contains('BUILD SUCCESS')
assert !log.contains('\tat ') : 'no stack trace for a missing network'
