package io.github.dockercache.differential;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

/**
 * Plays every real project under {@code src/test/resources/projects/} on each configured engine ({@link ProjectRun}:
 * the base once, then each edit) and checks each edit as {@link DifferentialTest} checks a scenario: the engine did
 * what {@code project.json} records, and the plugin predicted every step ({@link EngineAgreement}). The engines and
 * {@code -Ddifferential.only} (matched against project names) are as for {@link DifferentialTest}.
 */
class ProjectDifferentialTest {

    @TestFactory
    Stream<DynamicContainer> projects() throws IOException {
        Pattern only = Pattern.compile(System.getProperty("differential.only", ".*"));
        List<String> engines = DifferentialTest.engines();
        return Project.all().stream().filter(project -> only.matcher(project.name()).matches()).map(project ->
                dynamicContainer(project.name(), project.definitionFile().toUri(), engines.stream().map(engine -> {
                    Once<ProjectRun> played = new Once<>(() -> ProjectRun.play(project, Engine.forTests(engine)));
                    return dynamicContainer("engine " + engine, IntStream.range(0, project.edits().size())
                            .mapToObj(index -> dynamicContainer(project.edits().get(index).name(), Stream.of(
                                    dynamicTest("engine does what project.json records",
                                            () -> EngineAgreement.checkEngine(played.get().edits().get(index))),
                                    dynamicTest("plugin predicts the engine",
                                            () -> EngineAgreement.checkPlugin(played.get().edits().get(index)))))));
                })));
    }
}
