def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 5 : "five runs, not ${runs.size()}"

/** The lines the goal logged: from its header to the end of its output. */
def lintLines = { String run ->
    def lines = run.readLines()
    def start = lines.findIndexOf { it.contains(':lint (default-cli) @ lint-directory') }
    assert start >= 0 : run
    // a fresh local repository resolves some artifacts while the goal runs
    lines.drop(start + 1).takeWhile { !it.startsWith('[INFO] ----') && !it.startsWith('[INFO] BUILD') }
            .findAll { !it.startsWith('[INFO] Download') }
}

def docs = 'https://docs.docker.com/go/dockerfile/rule/'
def rules = 'https://github.com/dockercache/dockercache-maven-plugin/blob/main/docs/rules.md#'
// within a line, BuildKit's checks come before the cache-hygiene rules
def expected = [
    "[WARNING] docker/api/Dockerfile:1:1: warning StageNameCasing: Stage name 'Build' should be lowercase (${docs}stage-name-casing/)".toString(),
    "[INFO] docker/api/Dockerfile:1:1: info DC301: alpine:3.20 is a tag, not a digest: when the tag moves to new layers, every step of 'Build' rebuilds (${rules}dc301)".toString(),
    '[INFO]   pin the digest (docker buildx imagetools inspect alpine:3.20 prints it):',
    '[INFO]     FROM alpine:3.20@sha256:<digest> AS Build',
]
def first = lintLines(runs[0])
assert first.take(expected.size()) == expected : first.join('\n')
assert first.any { it.startsWith('[WARNING] docker/api/Dockerfile:2:1: warning DC104: ') }
assert first.contains("[WARNING] docker/api/Dockerfile:4:1: warning JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (${docs}json-args-recommended/)".toString())
// the file's # check=skip= holds: no JSONArgsRecommended for the worker
assert first.contains("[WARNING] docker/worker/Dockerfile.jvm:4:1: warning MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label (${docs}maintainer-deprecated/)".toString())
assert !first.any { it.contains('Dockerfile.jvm:3:1') }
assert !first.any { it.contains('.hidden') || it.contains('README') }
assert first.contains('[INFO] UndefinedVar, InvalidBaseImagePlatform, and WorkdirRelativePath, ExposeInvalidFormat and ExposeProtoCasing where they need a variable\'s value, are judged only in stages FROM scratch or an earlier stage: lint reads no base image\'s configuration.')
assert first.contains('[INFO] DC101, DC102, DC105, DC201, DC202, DC203, DC401 need the build context and are not run by lint: the check goal runs them.')
def summary = first.find { it.startsWith('[INFO] Linted ') }
assert summary ==~ /\[INFO\] Linted 2 Dockerfiles: 0 errors, \d+ warnings, \d+ infos?; failOn=never reports only\./ : summary
assert runs[0].contains('BUILD SUCCESS')

assert runs[1] =~ /\[ERROR\] Failed to execute goal .*:lint \(default-cli\) on project lint-directory: dockercache:lint: \d+ findings at or above warning \(-Ddockercache.lint.failOn=never reports without failing\)\./

assert runs[2].contains("on project lint-directory: dockercache.lint.paths: no file matches the glob 'docker/**/*.containerfile'.")
assert runs[3].contains("on project lint-directory: dockercache.lint.paths: 'missing/Dockerfile' does not exist.")

def broken = lintLines(runs[4])
assert broken.contains('[ERROR] broken/Dockerfile:3:1: error ParseError: unknown instruction: COPPY (did you mean COPY?)') : broken.join('\n')
// the workflow command is on a line of its own, as the runner needs it
assert runs[4].readLines().contains('::error file=broken/Dockerfile,line=3,col=1,title=ParseError::unknown instruction: COPPY (did you mean COPY?)')
assert runs[4].contains('dockercache:lint: 1 finding at or above warning')
