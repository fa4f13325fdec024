def log = new File(basedir, 'build.log').text
def ignore = new File(basedir, '.dockerignore').canonicalPath
assert log.contains(ignore + ' is a FIFO (named pipe), not a regular file (docs/limits.md); a .dockerignore must be a'
        + ' regular file of patterns: replace it with one')
assert !log.contains('\tat ') : 'no stack trace for bad input'
assert log.contains('BUILD FAILURE')
