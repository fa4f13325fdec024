package io.github.dockercache.model;

import io.github.dockercache.dockerfile.ArgDeclaration;
import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Build args passed but declared by no ARG the build runs: they change nothing (cache-model §7).
 *
 * <p>The legacy builder says so after a build, as {@code [Warning] One or more build-args [BAR FOO] were not
 * consumed}: every name passed is consumed by a global ARG or an ARG of a stage it dispatches (every stage up to the
 * target, used or not), except the ten proxy names it always allows (moby {@code builder/dockerfile/buildargs.go}).
 * BuildKit says nothing at all, on Docker 28 (0.25) and 26 (0.13) alike, checked on both engines
 * ({@code BuildArgWarningDifferentialTest}); there the plugin says it in its own words, for the stages BuildKit builds,
 * and leaves out the args BuildKit reads without an ARG: proxies (any case), {@code BUILDKIT_*} and
 * {@code SOURCE_DATE_EPOCH}.
 */
final class UnconsumedBuildArgs {
    /** The legacy builder's {@code builtinAllowedBuildArgs}. */
    private static final Set<String> CLASSIC_PROXIES = Set.of(
            "HTTP_PROXY",
            "http_proxy",
            "HTTPS_PROXY",
            "https_proxy",
            "FTP_PROXY",
            "ftp_proxy",
            "NO_PROXY",
            "no_proxy",
            "ALL_PROXY",
            "all_proxy");

    private static final Set<String> PROXIES =
            Set.of("HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY");

    private UnconsumedBuildArgs() {}

    /**
     * The warning for the build args no ARG consumes, or empty.
     *
     * @param built the indexes of the stages the builder runs
     */
    static Optional<String> warning(
            Dockerfile dockerfile, Collection<Integer> built, Map<String, String> buildArgs, boolean classic) {
        Set<String> declared = new TreeSet<>();
        dockerfile.globalArgs().forEach(arg -> addNames(arg, declared));
        for (Stage stage : dockerfile.stages()) {
            if (built.contains(stage.index())) {
                for (Instruction instruction : stage.instructions()) {
                    if (instruction instanceof ArgInstruction arg) {
                        addNames(arg, declared);
                    }
                }
            }
        }
        Set<String> unconsumed = new TreeSet<>(); // sorted by code point, as Go's sort.Strings
        for (String name : buildArgs.keySet()) {
            boolean read = classic ? CLASSIC_PROXIES.contains(name) : readByBuildKit(name);
            if (!declared.contains(name) && !read) {
                unconsumed.add(name);
            }
        }
        if (unconsumed.isEmpty()) {
            return Optional.empty();
        }
        if (classic) {
            return Optional.of(
                    "[Warning] One or more build-args [" + String.join(" ", unconsumed) + "] were not consumed");
        }
        List<String> names = List.copyOf(unconsumed);
        boolean one = names.size() == 1;
        return Optional.of("build arg" + (one ? " " : "s ") + String.join(", ", names) + (one ? " is" : " are")
                + " passed, but no ARG of the stages this build runs declares " + (one ? "it" : "them") + ": BuildKit"
                + " ignores " + (one ? "it" : "them") + " without a warning, and "
                + (one ? "it changes" : "they change")
                + " no step");
    }

    private static boolean readByBuildKit(String name) {
        return PROXIES.contains(name.toUpperCase(Locale.ROOT))
                || name.startsWith("BUILDKIT_")
                || name.equals("SOURCE_DATE_EPOCH");
    }

    private static void addNames(ArgInstruction arg, Set<String> names) {
        arg.args().stream().map(ArgDeclaration::name).forEach(names::add);
    }
}
