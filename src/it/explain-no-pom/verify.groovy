def log = new File(basedir, 'build.log').text
assert log.contains("build arg VERSION changed: '1' -> '2' (--build-arg VERSION, declared by ARG at line 2)")
assert log.contains('Step 3 (app/Dockerfile:4) RUN echo "building version $VERSION" > /version.txt is rebuilt:')
assert log.contains('and with it: 4, 5')
assert log.contains('BUILD SUCCESS')
assert log.contains('[WARNING] No baseline at none.json: nothing to compare with yet.')
assert log =~ /\[INFO\] Record one with mvn io\.github\.dockercache:dockercache-maven-plugin:[^:\s]+:baseline -Ddockercache\.context=app -Ddockercache\.baseline=none\.json and commit it/
// nothing is written inside the context, nor next to it
assert !new File(basedir, 'app/target').exists()
assert !new File(basedir, 'app/.dockercache').exists()
assert !new File(basedir, 'target').exists()
