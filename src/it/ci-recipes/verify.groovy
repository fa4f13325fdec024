import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 4 : "four runs, not ${runs.size()}"
runs.each { assert it.contains('BUILD SUCCESS') }

// the plain gate: lint at validate, before check at package
def gate = runs[0]
assert gate.indexOf(':lint (default) @ app') < gate.indexOf(':check (default) @ app')
assert gate.contains('[INFO] Linted 1 Dockerfile: 0 errors, 0 warnings, 1 info; failOn=warning fails on 0.')

// GitHub: a SARIF file with the finding at its line and column
def sarif = new JsonSlurper().parse(new File(basedir, 'target/dockercache-lint.sarif'))
assert sarif.version == '2.1.0'
def result = sarif.runs[0].results[0]
assert result.ruleId == 'DC301'
assert result.level == 'note'
assert result.locations[0].physicalLocation.artifactLocation.uri == 'Dockerfile'
assert result.locations[0].physicalLocation.region.startLine == 1
assert sarif.runs[0].tool.driver.rules[0].helpUri == 'https://github.com/dockercache/dockercache-maven-plugin/blob/main/docs/rules.md#dc301'
assert !runs[1].readLines().any { it.startsWith('::') } : 'no workflow command outside a runner'

// the baseline from the repository: none published, so a warning and the build goes on
assert runs[2].contains('[WARNING] Cannot resolve the baseline com.example:app:json:dockercache:LATEST: ')

// GitLab: a code quality report with the fields GitLab reads, and a JUnit file
def issues = new JsonSlurper().parse(new File(basedir, 'target/gl-code-quality.json'))
assert issues.size() == 1
def issue = issues[0]
assert issue.check_name == 'DC301'
assert issue.description.startsWith('DC301: alpine:3.20 is a tag, not a digest')
assert issue.fingerprint ==~ /[0-9a-f]{32}/
assert issue.severity == 'info'
assert issue.location.path == 'Dockerfile'
assert issue.location.lines.begin == 1
def junit = new XmlSlurper().parse(new File(basedir, 'target/dockercache-lint-junit.xml'))
assert junit.@tests == '1'
assert junit.@failures == '0'
assert junit.testcase[0].@name == 'Dockerfile'
