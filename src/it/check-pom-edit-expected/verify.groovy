def log = new File(basedir, 'build.log').text
assert log =~ /build:3 +COPY pom\.xml \. +rebuilt +stable +\(expected\)/
assert log =~ /build:4 +RUN mvn -B -q dependency:go-offline +rebuilt +stable +after build:3 \(expected\)/
assert log.contains('pom.xml content changed')
assert log.contains('BUILD SUCCESS')
