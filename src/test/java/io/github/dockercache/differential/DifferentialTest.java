package io.github.dockercache.differential;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.dockercache.model.Builder;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Plays every scenario under {@code src/test/resources/differential/} on each configured engine, with each builder
 * the scenario lists, and checks ({@link EngineAgreement}), per step of the second build, that the engine did what
 * the scenario records and that the plugin predicted it, and that the verify goal, on the engine's own log, agrees
 * (plain logs for every scenario, rawjson logs for a set).
 *
 * <p>The engines are {@code -Ddifferential.engines=28,26}; default the one {@code DOCKERCACHE_ENGINE} names, else
 * both (as CI runs them), played at the same time ({@link EnginesInParallel}).
 */
class DifferentialTest {
    @TestFactory
    Stream<DynamicContainer> scenarios() throws IOException {
        // -Ddifferential.only=<regex> plays only the scenarios whose names match, while writing one.
        Pattern only = Pattern.compile(System.getProperty("differential.only", ".*"));
        List<String> engines = engines();
        // -Ddifferential.builders=classic plays only that builder's part of the scenarios.
        Pattern builders = Pattern.compile(System.getProperty("differential.builders", ".*"));
        EnginesInParallel parallel = new EnginesInParallel(engines);
        // Built eagerly: every play is queued on its engine's worker before the first test waits for one.
        List<DynamicContainer> containers = Scenario.all().stream()
                .filter(scenario -> only.matcher(scenario.name()).matches())
                .map(scenario -> dynamicContainer(
                        scenario.name(),
                        scenario.definitionFile().toUri(),
                        Stream.concat(
                                engines.stream()
                                        .flatMap(engine -> scenario.builders().stream()
                                                .filter(builder -> builders.matcher(builder.settingName())
                                                        .matches())
                                                .map(builder -> {
                                                    Once<ScenarioRun> played = parallel.schedule(
                                                            engine,
                                                            () -> ScenarioRun.play(
                                                                    scenario, Engine.forTests(engine), builder));
                                                    return dynamicContainer(
                                                            "engine " + engine + ", " + builder.settingName(),
                                                            Stream.of(
                                                                    dynamicTest(
                                                                            "engine does what the scenario records",
                                                                            () -> EngineAgreement.checkEngine(
                                                                                    played.get())),
                                                                    dynamicTest(
                                                                            "plugin predicts the engine",
                                                                            () -> EngineAgreement.checkPlugin(
                                                                                    played.get())),
                                                                    dynamicTest(
                                                                            "verify agrees with the engine's log",
                                                                            () -> LogVerification.check(
                                                                                    played.get()))));
                                                })),
                                rawJsonPlays(scenario, engines, builders, parallel))
                                .toList()
                                .stream()))
                .toList();
        return containers.stream();
    }

    /**
     * The verify goal on {@code --progress=rawjson} logs: the scenarios of {@link #RAW_JSON_SCENARIOS} played again on
     * each engine with the second build logged as rawjson (the plain logs of every scenario are checked above).
     */
    private static Stream<DynamicContainer> rawJsonPlays(
            Scenario scenario, List<String> engines, Pattern builders, EnginesInParallel parallel) {
        if (!RAW_JSON_SCENARIOS.matcher(scenario.name()).matches()
                || !scenario.builders().contains(Builder.BUILDKIT)
                || !builders.matcher(Builder.BUILDKIT.settingName()).matches()) {
            return Stream.empty();
        }
        return engines.stream().map(engine -> {
            Once<ScenarioRun> played = parallel.schedule(
                    engine, () -> ScenarioRun.play(scenario, Engine.forTests(engine), Builder.BUILDKIT, true));
            return dynamicContainer(
                    "engine " + engine + ", buildkit, rawjson log",
                    Stream.of(dynamicTest(
                            "verify agrees with the engine's rawjson log", () -> LogVerification.check(played.get()))));
        });
    }

    /**
     * Scenarios that cover each kind of step and vertex the rawjson reader must line up: several stages, COPY --from,
     * identical steps solved once, ADD of a URL (BuildKit 0.13 runs it as two vertices), a moved base image, a target,
     * a bind mount of a stage.
     */
    private static final Pattern RAW_JSON_SCENARIOS = Pattern.compile("content-change|chmod-executable"
            + "|multistage-identical-copy|add-url-checksum-changed|from-tag-moved|target-switched"
            + "|run-mount-bind-from-stage-changed|build-arg-changed|stage-base-changed|workdir-root-added-stage-base"
            + "|unused-stage-changed");

    /** The engines to play on: {@code -Ddifferential.engines}, else {@code DOCKERCACHE_ENGINE}'s, else 28 and 26. */
    static List<String> engines() {
        String configured = System.getProperty(
                "differential.engines", System.getenv("DOCKERCACHE_ENGINE") != null ? Engine.defaultName() : "28,26");
        return Stream.of(configured.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
