package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * WorkdirRelativePath: a relative WORKDIR before any absolute one in the stage (or the stages it is built FROM)
 * depends on the base image's. A path with variables is judged only where the stage's environment is known, so that
 * no warning is given that BuildKit might not give.
 */
final class WorkdirRelativePathCheck implements BuildCheck.OfStep {
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:");

    @Override
    public String name() {
        return BuildChecks.WORKDIR_RELATIVE_PATH;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.Step step, List<ParseWarning> warnings) {
        if (!(step.instruction() instanceof WorkdirInstruction workdir)
                || step.state().workdirSet()) {
            return;
        }
        Map<String, String> env = step.state().env();
        Optional<ShellLexer.Expansion> path =
                CheckDispatch.expand(input.lexer(), workdir.path(), env == null ? Map.of() : env);
        boolean judged = env != null
                || path.isPresent()
                        && path.get().matched().isEmpty()
                        && path.get().unmatched().isEmpty();
        if (path.isPresent()
                && judged
                && !isAbsolute(path.get().result(), step.state().os())) {
            warnings.add(warning(
                    input,
                    step.location(),
                    "Relative workdir " + GoText.quote(path.get().result())
                            + " can have unexpected results if the base image changes"));
        }
    }

    /**
     * BuildKit's {@code system.IsAbs} for the stage's OS: a leading slash, or on Windows a drive letter or
     * backslash. Where the OS is unknown, a file that uses those is taken as built for Windows.
     */
    private static boolean isAbsolute(String path, String os) {
        if (os != null && !os.equals("windows")) {
            return path.startsWith("/");
        }
        String p = DRIVE_LETTER.matcher(path).find() ? path.substring(2) : path;
        return p.startsWith("/") || p.startsWith("\\");
    }
}
