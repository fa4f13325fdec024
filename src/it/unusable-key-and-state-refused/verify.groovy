def log = new File(basedir, 'build.log').text
def user = System.getProperty('user.name')

assert log.contains("The secret key from the environment variable DOCKERCACHE_SECRET_KEY is unusable: the secret key"
        + " has 7 characters, fewer than 16: generate one, e.g. with 'openssl rand -base64 32'.")
assert log.contains("dockercache.buildArgs: an entry has no name before its '=' (expected K=V,K2=V2, or NAME to take"
        + " the value from the environment).")
assert !log.contains('hunter2')
assert log.contains(": refusing to use shared-tmp/dockercache-${user} for this user's locks and outputs: others can"
        + " write to it (mode rwxrwxrwx). Remove it, or set MAVEN_OPTS=-Djava.io.tmpdir=<a directory of your own>")
// nothing was written through the planted directory, and no baseline was recorded
assert new File(basedir, "shared-tmp/dockercache-${user}").list().length == 0
assert !new File(basedir, '.dockercache/baseline.json').exists()
