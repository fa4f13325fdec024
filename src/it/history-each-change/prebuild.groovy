import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

// app/ becomes a git repository with one commit per kind of change, with fixed names and dates so that the commit ids
// the console prints are always the same. The git command line makes it, as a user's repository is made.
Path app = basedir.toPath().resolve('app')
Files.createDirectories(app)
int commits = 0

def git = { String... args ->
    List<String> command = ['git', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', '-c', 'core.fileMode=true']
    command.addAll(args as List<String>)
    def process = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
    String date = "2026-01-01T0${commits}:00:00Z"
    process.environment().putAll([GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com',
            GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_AUTHOR_DATE: date,
            GIT_COMMITTER_DATE: date, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'])
    def started = process.start()
    def output = started.inputStream.text
    assert started.waitFor() == 0: "git ${args.join(' ')} failed: $output"
}
def write = { String path, String content ->
    Path file = app.resolve(path)
    Files.createDirectories(file.parent)
    Files.writeString(file, content)
}
def commit = { String message ->
    git('add', '-A')
    git('commit', '-q', '-m', message)
    commits++
}

String dockerfile = '''FROM busybox:1.36
WORKDIR /app
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package
COPY target/app.jar app.jar
'''
git('init', '-q')
write('.gitignore', 'target/\n')
write('Dockerfile', dockerfile)
write('pom.xml', '<project><artifactId>app</artifactId></project>\n')
write('src/Main.java', 'class Main {}\n')
write('README.md', '# app\n')
commit('Initial import')
write('src/Main.java', 'class Main { int answer = 42; }\n')
commit('Edit the source')
write('pom.xml', '<project><artifactId>app</artifactId><dependencies/></project>\n')
commit('Add a dependency')
Files.setPosixFilePermissions(app.resolve('pom.xml'), PosixFilePermissions.fromString('rwxr-xr-x'))
commit('Make pom.xml executable')
write('README.md', '# app\n\nBuild with mvn package.\n')
commit('Document the build')
write('Dockerfile', dockerfile.replace('busybox:1.36', 'busybox:1.37'))
commit('Bump busybox to 1.37')
git('revert', '--no-edit', 'HEAD')
// the build's output: git does not track it, so the step that copies it is unknown
write('target/app.jar', 'not a jar\n')
true
