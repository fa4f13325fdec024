def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).drop(1)
assert runs.size() == 3

// a dependency bump: the dependencies layer is rebuilt, and the jar entries say which were added, removed, changed
assert runs[1].contains('Step stage-1:3 (Dockerfile:8) COPY --from=extract /builder/extracted/dependencies/ ./ is rebuilt [stable]:')
assert runs[1].contains("  - layer 'dependencies' of target/app.jar changed: BOOT-INF/lib: added guava-20.0.jar;"
        + " removed guava-19.0.jar; changed caffeine-3.2.2.jar")

// a class edit: the extraction runs again, yet the dependencies, loader and snapshot layers stay cached
assert runs[2] =~ /(?m)^\[INFO\] +extract:4 +RUN java .* rebuilt/
['stage-1:3', 'stage-1:4', 'stage-1:5'].each { assert runs[2] =~ /(?m)^\[INFO\] +${it} +COPY --from=extract .* cached/ }
assert runs[2] =~ /(?m)^\[INFO\] +stage-1:6 +COPY --from=extract .* rebuilt/
assert runs[2].contains("layer 'application' of target/app.jar changed: BOOT-INF/classes/com/example: changed App.class")
