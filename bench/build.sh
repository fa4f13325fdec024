# Sourced by bench/run.sh and bench/history.sh (which set here, project, work and build): compiles the plugin, copies
# its classes into $work/plugin.jar, writes its runtime classpath and compiles the harnesses; sets classpath.
mvnw() {
    # offline first (a clone with a filled ~/.m2 needs no network), online when something is missing
    (cd "$project" && { ./mvnw -o -q -B "$@" 2>/dev/null || ./mvnw -q -B "$@"; })
}
if $build || [ ! -f "$work/plugin.jar" ]; then
    mvnw -DskipTests compile
    mvnw dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$work/classpath.txt"
    # a copy, so that recompiling the project while the benchmark runs does not change what is measured
    jar cf "$work/plugin.jar" -C "$project/target/classes" .
    javac -d "$work/classes" -cp "$work/plugin.jar:$(cat "$work/classpath.txt")" "$here"/*Bench.java
fi
classpath="$work/classes:$work/plugin.jar:$(cat "$work/classpath.txt")"
