def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 2
def verify = runs[1]

// each module against its own baseline and its own log: app's is Docker 28.5's plain progress, worker's Docker 26.1's
// rawjson, each status indented over many lines
assert verify.contains('''[INFO] app (app/Dockerfile):
[INFO]   2          WORKDIR /app                                       plugin cached   engine cached   agrees
[INFO]   3          COPY config.txt ./                                 plugin cached   engine cached   agrees
[INFO]   4          RUN echo "version $VERSION" > version.txt          plugin rebuilt  engine rebuilt  agrees
[INFO]   5          COPY src ./src                                     plugin rebuilt  engine rebuilt  agrees
[INFO] Verified 4 steps against the engine: 4 agree, 0 disagree.
[INFO] worker (worker/Dockerfile):
[INFO]   build:2    WORKDIR /w                                         plugin cached   engine cached   agrees
[INFO]   build:3    COPY job.sh ./                                     plugin cached   engine cached   agrees
[INFO]   build:4    RUN sh job.sh "$VERSION" > out.txt                 plugin rebuilt  engine rebuilt  agrees
[INFO]   stage-1:2  COPY --from=build /w/out.txt /out.txt              plugin unknown  engine rebuilt  unknown: reads /w/out.txt from stage 'build', whose files come from RUN at line 5: BuildKit reuses this step only if those files come out byte-identical, which takes a real build to know
[INFO] Verified 4 steps against the engine: 3 agree, 1 unknown, 0 disagree.
''')
// one summary
assert verify.contains('''[INFO] Images of the reactor (dockercache:verify):
[INFO]    module          image              steps  cached  rebuilt  unknown  stable rebuilt  verdict
[INFO]    verify-reactor  -                      -       -        -        -               -  no image
[INFO]    app             app/Dockerfile         5       3        2        0               0  agrees
[INFO]    worker          worker/Dockerfile      6       4        1        1               0  agrees
''')
assert verify.contains('BUILD SUCCESS')
['app', 'worker'].each { module ->
    def json = new File(basedir, "${module}/target/dockercache/verify.json").text
    assert json.contains('"cache": "baseline"')
    assert json.contains('"disagrees": 0')
    assert !new File(basedir, "${module}/target/dockercache/verify-bundle.zip").exists()
}
return true
