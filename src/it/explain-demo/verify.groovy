// One run of explain per kind of change (invoker.properties), each on the real demo with one change. Maven runs in the
// demo's directory, so a copy's Dockerfile is named from there (target/changes/<kind>/Dockerfile).
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1).collect { it.replaceAll(/(?m)^\[INFO\] /, '') }
assert runs.size() == 11
def (asIs, modeAndLineEndings, pomEdit, instructionEdit, baseImage, newFiles, buildArg, regenerated) =
        [runs[0], runs[1], runs[2], runs[3], runs[4], runs[5], runs[7], runs[9]]
String server = 'src/main/java/io/github/dockercache/demo/GreetingServer.java'

// the demo as committed: its baseline predates a source edit
assert asIs.contains('Step build:5 (Dockerfile:6) COPY src ./src is rebuilt:')
assert asIs.contains("  - $server content changed (1279 -> 1262 bytes)")
assert asIs.contains('  and with it: build:6')
assert asIs.contains('10 steps: 7 cached, 2 rebuilt (0 stable), 1 unknown')

// an executable bit, with git's fix; a CRLF checkout, with the .gitattributes fix
assert modeAndLineEndings.contains('  - src/main/java/io/github/dockercache/demo/Greeting.java mode bits changed 0644 -> 0755')
assert modeAndLineEndings.contains('    fix: the executable bit was set (if that was not meant: chmod -x src/main/java/io/github/dockercache/demo/Greeting.java, and git update-index --chmod=-x src/main/java/io/github/dockercache/demo/Greeting.java where git records it)')
assert modeAndLineEndings.contains(
        '  - src/test/java/io/github/dockercache/demo/GreetingTest.java changed only its line endings (CRLF vs LF)')
assert modeAndLineEndings.contains("    fix: line endings differ between checkouts: pin them in .gitattributes")

// a dependency manifest: the stable dependency layer rebuilds, as expected
assert pomEdit.contains('Step build:3 (target/changes/pom-edit/Dockerfile:4) COPY pom.xml . is rebuilt [stable] [expected]:')
assert pomEdit.contains('  - pom.xml content changed (expected: a dependency manifest)')
assert pomEdit.contains('  and with it: build:4, build:5, build:6')

// an edited instruction, as a word diff
assert instructionEdit.contains('Step runtime:2 (target/changes/instruction-edit/Dockerfile:11) RUN useradd --system --uid 10002 app is rebuilt'
        + ' [stable]:')
assert instructionEdit.contains('  - the command changed')
assert instructionEdit.contains('      RUN useradd --system --uid [-10001-] {+10002+} app')
assert instructionEdit.contains('  and with it: runtime:3, runtime:4')

// another base image tag, with the pinning fix
assert baseImage.contains('Step runtime:1 (target/changes/base-image/Dockerfile:10) FROM eclipse-temurin:21-jre AS runtime is rebuilt'
        + ' [stable]:')
assert baseImage.contains('  - the base image changed: docker.io/library/eclipse-temurin:17-jre -> docker.io/library/eclipse-temurin:21-jre')
// the COPY that follows the base image also reads a stage that the demo's source edit changed: its own cause, listed
assert baseImage.contains("  - step runtime:4 itself: stage 'build' changed")
assert baseImage.contains('    fix: pin the base image by digest (FROM image@sha256:...)')
assert baseImage.contains('  and with it: runtime:2, runtime:3, runtime:4')

// a log under src/ busts COPY src; the editor folder and the log beside the pom are never read, so they cost nothing
assert newFiles.contains('  - src/main/resources/greeting.log was added')
assert newFiles.contains('    fix: add *.log to .dockerignore')
assert newFiles.contains('[DC202] target/changes/new-files/Dockerfile:6: COPY src ./src at line 6 copies 1 log file'
        + ' (src/main/resources/greeting.log)')
assert !newFiles.contains('.vscode') && !newFiles.contains('server.log')

// a build arg declared above the dependency download, with where to declare it instead
assert buildArg.contains("Build args differ from the baseline: REVISION added ('2').")
assert buildArg.contains('Step build:4 (target/changes/build-arg/Dockerfile:6) RUN mvn -B -q dependency:go-offline is rebuilt'
        + ' [stable]:')
assert buildArg.contains("  - build arg REVISION changed: '1' -> '2' (--build-arg REVISION, declared by ARG at line 4)")
assert buildArg.contains('    fix: RUN at line 6 does not use REVISION; declare ARG REVISION just before the first step that uses it')

// files regenerated with a new build time: the stamped lines and entries, and the fix for the tool that writes each
assert regenerated.contains("  - src/main/resources/git.properties differs only in build-time stamps:"
        + " date comment 'Sat Nov 21 10:00:00 UTC 2026' -> 'Sun Nov 22 03:20:44 UTC 2026',"
        + " git.build.time '2026-11-21T10\\:00\\:00Z' -> '2026-11-22T03\\:20\\:44Z'")
assert regenerated.contains('    fix: git-commit-id-maven-plugin wrote the build time: set <project.build.outputTimestamp>')
assert regenerated =~ /  - src\/main\/resources\/plugins\/greeting-extension\.jar differs only in build-time stamps: Extension\.class '[^']+' -> '[^']+'/
assert regenerated.contains('    fix: build reproducible archives: set <project.build.outputTimestamp> in the pom')
assert !regenerated.contains(server)

// README.md shows check's output on the demo as it is: it must be what check prints
def checkOutput = { String run ->
    def lines = run.readLines()
    int start = lines.findIndexOf { it ==~ /--- dockercache(-maven-plugin)?:.*:check .*/ }
    assert start >= 0: 'the package run did not run check'
    // up to what Maven prints next: the blank line before explain's header, or Maven 4's own warning that it attaches
    // the consumer pom again when the goals after the lifecycle start, or the end of the build
    lines.drop(start + 1)
            .takeWhile { !it.isEmpty() && !it.startsWith('[') && !it.startsWith('---') && !it.startsWith('BUILD') }
            *.stripTrailing()
}
def readme = new File(demoDirectory, '../README.md').text
def sample = (readme =~ /(?s)<!-- check-output:start -->\n```\n(.*?)```\n<!-- check-output:end -->/)
assert sample.find(): 'README.md has no check-output sample'
def shown = sample.group(1).readLines()*.replaceFirst(/^\[INFO\] ?/, '')*.stripTrailing()
def printed = checkOutput(runs[10])
assert shown == printed: 'README.md\'s sample output is not what check prints on the demo; paste this between the' +
        ' check-output markers:\n' + printed.collect { '[INFO] ' + it }.join('\n')

// explain after check in the same build (README's demo command) prints each cause once: what check did not print
def packageAndExplain = runs[10]
assert packageAndExplain.count("$server content changed") == 1
def explained = packageAndExplain.readLines().dropWhile { !(it ==~ /--- dockercache(-maven-plugin)?:.*:explain .*/) }.drop(1)
        .takeWhile { !it.startsWith('---') && !it.startsWith('BUILD') }*.stripTrailing().findAll { !it.isEmpty() }
assert explained[0] == 'The causes are as check printed them above.'
assert explained[1] == 'Advice:'
assert explained.count { it.startsWith('  [DC301] Dockerfile:') } == 2
assert explained.last() ==~ /The chain of steps, with every cause and the advice: file:.*\/target\/dockercache\/explain\.html/
// and each goal has its own report
assert new File(basedir, 'target/dockercache/check.html').text.contains('<strong>Check passes</strong>')
assert new File(basedir, 'target/dockercache/explain.html').text.contains('<strong>Check would pass</strong>')
assert new File(basedir, 'target/dockercache/explain.html').text.contains('<span class="rule-id">DC301</span>')

runs.each { assert it.contains('BUILD SUCCESS') }
true
