def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] build args REVISON, TEST_FILTER are passed, but no ARG of the stages this build runs declares them: BuildKit ignores them without a warning, and they change no step')
assert !log.contains('VERSION are passed')
assert log.contains('BUILD SUCCESS')
