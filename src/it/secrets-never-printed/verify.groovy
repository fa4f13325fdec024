import java.security.MessageDigest

// every build's console output, -X included
def log = new File(basedir, 'build.log').text

def values = ['hunter2', 'hunter3', '1234', 'npm_Zq8vLk2Wx', 'correct-horse-battery',
              'k3y-from-the-environment-0123456789', 'k3y-from-settings-0123456789abcdef']
def derived = ['app:hunter2@db', 'app:hunter3@db', 'ci:1234@git', '/srv/correct-horse-battery']
def forbidden = []
(values + derived).each { value ->
    // a short number stands alone; inside a longer hex or decimal run (a digest, a size) it is no leak
    forbidden << (value ==~ /\d+/ ? ~/(?<![0-9A-Za-z])${value}(?![0-9A-Za-z])/ : ~/\Q${value}\E/)
    ['SHA-256', 'SHA-1', 'MD5'].each { algorithm ->
        def digest = MessageDigest.getInstance(algorithm).digest(value.getBytes('UTF-8'))
        forbidden << ~/(?i)${digest.encodeHex().toString().substring(0, 8)}/
    }
}

// the fixtures hold the values by design; everything else was written by Maven and the plugin
def fixtures = ['Dockerfile', 'a.txt', 'pom.xml', 'invoker.properties', 'server-settings.xml', 'verify.groovy']
def checked = []
basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    def name = basedir.toPath().relativize(file.toPath()).toString()
    if (!fixtures.contains(name)) {
        def text = file.getText('ISO-8859-1')
        forbidden.each { pattern -> assert !(text =~ pattern), "${name} holds ${pattern}" }
        checked << name
    }
}
['build.log', '.dockercache/baseline.json', 'target/dockercache/snapshot.json', 'target/dockercache/check.json',
 'target/dockercache/check.html', 'target/dockercache/summary.md', 'target/dockercache/dockercache.sarif',
 'target/dockercache/dockercache-junit.xml', 'target/dockercache/stat-cache.json'].each { name ->
    assert checked.contains(name), "${name} was not written: ${checked}"
}

// -X was on, and Maven printed the plugin's configuration: names, never values
assert log.contains('[DEBUG]')
assert log.contains('(f) buildArgList = DB_PASS,GITHUB_PAT,NPM_TOKEN,SIGNING_PHRASE')
// 2: unchanged with the key: nothing rebuilt
assert log.contains('7 steps: 7 cached, 0 rebuilt (0 stable), 0 unknown')
// 3 and 6: DB_PASS changed, with the key from the environment and then from settings.xml
assert log.count('build arg DB_PASS changed; it depends on a secret, so its value is not shown (--build-arg DB_PASS,'
        + ' declared by ARG at line 6)') >= 2
assert log.count('Build args differ from the baseline: DB_PASS changed (a secret).') == 2
// 4: no key
assert log.contains('depends on a secret and cannot be compared: no secret key is configured')
assert log.contains('7 steps: 2 cached, 0 rebuilt (0 stable), 5 unknown')
