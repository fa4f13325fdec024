import io.github.dockercache.lint.LintOptions;
import io.github.dockercache.lint.LintResult;
import io.github.dockercache.lint.Linter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Lints the paths given (relative to the current directory) as {@code dockercache:lint} does, {@code rounds} times in
 * one JVM, and prints one tab-separated line per round: round, files, findings, milliseconds, milliseconds per file.
 * The first round is what one {@code mvn dockercache:lint} pays besides Maven itself (class loading, no JIT yet).
 *
 * <p>Usage: {@code java LintBench ROUNDS PATH...}
 */
public final class LintBench {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<String> paths = Arrays.asList(args).subList(1, args.length);
        LintOptions options = new LintOptions(null, null, Set.of());
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            LintResult result = Linter.lint(Path.of(""), paths, options);
            double millis = (System.nanoTime() - start) / 1e6;
            int files = result.files().size();
            System.out.printf(
                    "%d\t%d\t%d\t%.1f\t%.2f%n", round, files, result.findings().size(), millis, millis / files);
        }
    }
}
