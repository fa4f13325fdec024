def log = new File(basedir, 'build.log').text
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2 : "one log part per invocation, got ${runs.size()}"
def moved = runs[1]

// the RUN lost PORT from its environment because the ARG moved below it, not because the build stopped giving it
assert moved.contains('[ERROR] Step 2 (moved.Dockerfile:2) RUN true is rebuilt [stable]:')
assert moved.contains("[ERROR]   - build arg PORT is no longer in its environment (was '8081', --build-arg PORT, declared by"
        + ' ARG at line 2): the build still gives it, but no ARG above this step declares it now')
// moving the ARG below the step was the edit: it is not offered again as the fix
assert !moved.contains('declare ARG PORT just before the first step that uses it')
assert !moved.contains('is no longer set')
