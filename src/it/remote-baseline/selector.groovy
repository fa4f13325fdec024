// The HTTP repository comes from scripts/repository.sh, which .ci/run starts. Without it the IT is skipped
// locally, but never on CI.
try {
    def connection = new URL('http://127.0.0.1:18086/releases/').openConnection()
    connection.connectTimeout = 2000
    connection.readTimeout = 2000
    return connection.responseCode == 200
} catch (IOException e) {
    if (System.getenv('CI') == 'true') {
        throw new IllegalStateException('the HTTP repository is not running: start it with scripts/repository.sh start', e)
    }
    println 'remote-baseline skipped: start the HTTP repository with scripts/repository.sh start'
    return false
}
