import java.nio.file.Files
import java.nio.file.Path

// This directory becomes a git repository holding the reactor: two modules, each with its own Dockerfile, and one
// commit per change, with fixed names and dates so that the commit ids the console prints are always the same.
Path root = basedir.toPath()
int commits = 0

def git = { String... args ->
    List<String> command = ['git', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'core.fileMode=true']
    command.addAll(args as List<String>)
    def process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
    String date = "2026-02-01T0${commits}:00:00Z"
    process.environment().putAll([GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com',
            GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_AUTHOR_DATE: date,
            GIT_COMMITTER_DATE: date, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'])
    def started = process.start()
    def output = started.inputStream.text
    assert started.waitFor() == 0: "git ${args.join(' ')} failed: $output"
}
def write = { String path, String content ->
    Path file = root.resolve(path)
    Files.createDirectories(file.parent)
    Files.writeString(file, content)
}
def commit = { String message ->
    git('add', '-A')
    git('commit', '-q', '-m', message)
    commits++
}
def modulePom = { String name, String dependencies ->
    """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>it.dockercache</groupId><artifactId>history-reactor</artifactId><version>1.0</version></parent>
  <artifactId>${name}</artifactId>
  <packaging>jar</packaging>${dependencies}
</project>
"""
}
String dockerfile = '''FROM busybox:1.36
WORKDIR /app
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package
'''
git('init', '-q')
// the invoker's own files stay out of the commits, so that the commit ids are the same on every run
write('.gitignore', 'target/\nbuild.log\ninvoker.properties\nprebuild.groovy\nverify.groovy\n')
for (String name : ['app-a', 'app-b']) {
    write("${name}/pom.xml", modulePom(name, ''))
    write("${name}/Dockerfile", dockerfile)
    write("${name}/src/Main.java", 'class Main {}\n')
}
commit('Initial import')
write('app-a/pom.xml', modulePom('app-a', '\n  <dependencies/>'))
commit('Add a dependency to app-a')
write('app-b/src/Main.java', 'class Main { int answer = 42; }\n')
commit('Edit app-b')
write('README.md', '# two apps\n')
commit('Document the reactor')
true
