// A repository that accepts connections and never answers, on a free loopback port: the build learns the URL
// from .mvn/maven.config. The thread lives as long as the invoker's JVM, which outlasts the build.
def server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
def held = []
Thread.startDaemon('silent-repository') {
    while (true) {
        held << server.accept() // kept open, never read, never answered
    }
}
def config = new File(basedir, '.mvn/maven.config')
config.parentFile.mkdirs()
config.text = "-Dsilent.url=http://127.0.0.1:${server.localPort}/repository\n"
return true
