package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The warning about build args that no ARG consumes, against the engines (issue 14 #6): the legacy builder prints
 * {@code [Warning] One or more build-args [...] were not consumed} after the build, and the plugin must give the same
 * line; BuildKit prints nothing, on every engine, so the plugin's warning for it is its own, and must name the args
 * that change nothing in the stages BuildKit builds. The build is the {@code build-arg-unconsumed-stages} scenario's
 * ({@code --target app}, args for an unused stage before the target, a stage after it, a global ARG no FROM uses,
 * none at all), plus a proxy, {@code SOURCE_DATE_EPOCH} and a {@code BUILDKIT_*} control arg.
 */
class BuildArgWarningDifferentialTest {
    private static final Path CONTEXT = Path.of("src/test/resources/differential/build-arg-unconsumed-stages/context");
    private static final String CLASSIC_WARNING = "[Warning] One or more build-args";

    static List<Object[]> engineBuilders() {
        String engines = System.getProperty("differential.engines", Engine.defaultName());
        return Arrays.stream(engines.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .flatMap(engine ->
                        List.of(Builder.BUILDKIT, Builder.CLASSIC).stream().map(b -> new Object[] {engine, b}))
                .toList();
    }

    @ParameterizedTest(name = "engine {0}, {1}")
    @MethodSource("engineBuilders")
    void theWarningNamesTheArgsNoArgConsumes(String engineName, Builder builder) throws IOException, AnalysisException {
        Engine engine = Engine.forTests(engineName);
        Map<String, String> buildArgs = new LinkedHashMap<>();
        buildArgs.putAll(
                Map.of("USED", "1", "FOO", "1", "IN_UNUSED_STAGE", "1", "AFTER_TARGET", "1", "GLOBAL_UNUSED", "1"));
        buildArgs.putAll(
                Map.of("HTTP_PROXY", "http://127.0.0.1:3128", "SOURCE_DATE_EPOCH", "0", "BUILDKIT_INLINE_CACHE", "1"));
        EngineBuild build;
        try (Engine.Exclusive held = engine.exclusive()) {
            build = engine.build(CONTEXT, CONTEXT.resolve("Dockerfile"), buildArgs, "app", Map.of(), builder);
        }
        assertTrue(build.succeeded(), build::logTail);
        List<String> fromEngine = build.log()
                .lines()
                .filter(line -> line.startsWith(CLASSIC_WARNING))
                .toList();
        List<String> fromPlugin = CacheModel.snapshot(new BuildSettings(
                        CONTEXT,
                        CONTEXT.resolve("Dockerfile"),
                        buildArgs,
                        "app",
                        ClientPlatform.LINUX,
                        "none",
                        builder,
                        engine.buildkitVersion()))
                .warnings();
        if (builder == Builder.CLASSIC) {
            assertEquals(
                    List.of(
                            "[Warning] One or more build-args [AFTER_TARGET BUILDKIT_INLINE_CACHE FOO SOURCE_DATE_EPOCH]"
                                    + " were not consumed"),
                    fromEngine);
            assertEquals(fromEngine, fromPlugin);
        } else {
            assertEquals(List.of(), fromEngine, "BuildKit names no unconsumed build arg");
            assertTrue(build.log().lines().noneMatch(line -> line.contains("consumed")), build::logTail);
            assertEquals(
                    List.of(
                            "build args AFTER_TARGET, FOO, IN_UNUSED_STAGE are passed, but no ARG of the stages this"
                                    + " build runs declares them: BuildKit ignores them without a warning, and they change no step"),
                    fromPlugin);
        }
    }
}
