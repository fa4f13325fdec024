def log = new File(basedir, 'build.log').text
def packaged = log.indexOf('[INFO] Building jar: ')
def recorded = log.indexOf('[INFO] Recorded the baseline .dockercache/baseline.json with 1 steps (new; it remembers 1 build).')
assert packaged >= 0 && recorded > packaged
// check, with nothing built since: the baseline holds the jar this build made
def check = log.substring(recorded)
assert check.contains('[INFO]   1  COPY app/target/app-1.0.jar /app.jar  cached')
assert check.contains('[INFO] 1 steps: 1 cached, 0 rebuilt (0 stable), 0 unknown')
assert log.contains('BUILD SUCCESS')
