package io.github.dockercache.differential;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.dockercache.model.Builder;
import java.io.IOException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * The verify goal on {@code --progress=rawjson} logs: plays scenarios again with the second build logged as rawjson
 * and checks ({@link LogVerification}) that verify agrees with the engine on every definitive step. DifferentialTest
 * checks the plain logs of every scenario; this plays, by default, a set that covers each kind of step and vertex the
 * rawjson reader must line up (several stages, COPY --from, identical steps solved once, ADD of a URL, which BuildKit
 * 0.13 runs as two vertices, a moved base image, a target, bind mounts of a stage), as {@code -Ddifferential.only}
 * can widen.
 */
class RawJsonVerifyDifferentialTest {
    private static final String DEFAULT_SCENARIOS = "content-change|chmod-executable|multistage-identical-copy"
            + "|add-url-checksum-changed|from-tag-moved|target-switched|run-mount-bind-from-stage-changed"
            + "|build-arg-changed|stage-base-changed|workdir-root-added-stage-base|unused-stage-changed";

    @TestFactory
    Stream<DynamicContainer> scenarios() throws IOException {
        Pattern only = Pattern.compile(System.getProperty("differential.only", DEFAULT_SCENARIOS));
        return Scenario.all().stream().filter(scenario -> only.matcher(scenario.name()).matches()).map(scenario ->
                dynamicContainer(scenario.name(), scenario.definitionFile().toUri(),
                        DifferentialTest.engines().stream().map(engine -> dynamicTest("engine " + engine,
                                () -> LogVerification.check(
                                        ScenarioRun.play(scenario, Engine.forTests(engine), Builder.BUILDKIT, true))))));
    }
}
