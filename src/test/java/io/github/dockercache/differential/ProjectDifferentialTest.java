package io.github.dockercache.differential;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 *
 * <p>The engines play at the same time, each its projects in turn, from the moment the tests are listed: each is a
 * daemon of its own, with its own lock, and a play spends most of its time waiting on its engine.
 */
class ProjectDifferentialTest {

    @TestFactory
    Stream<DynamicContainer> projects() throws IOException {
        Pattern only = Pattern.compile(System.getProperty("differential.only", ".*"));
        List<String> engines = DifferentialTest.engines();
        List<Project> projects = Project.all().stream()
                .filter(project -> only.matcher(project.name()).matches())
                .toList();
        Map<String, ExecutorService> players = new HashMap<>();
        engines.forEach(engine -> players.put(engine, Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "engine " + engine);
            thread.setDaemon(true);
            return thread;
        })));
        // submitted now, in test order, not when JUnit reaches each test: both engines work from the start
        Map<Project, Map<String, Future<ProjectRun>>> plays = new LinkedHashMap<>();
        for (Project project : projects) {
            for (String engine : engines) {
                plays.computeIfAbsent(project, p -> new LinkedHashMap<>())
                        .put(
                                engine,
                                players.get(engine).submit(() -> ProjectRun.play(project, Engine.forTests(engine))));
            }
        }
        return projects.stream()
                .map(project -> dynamicContainer(
                        project.name(),
                        project.definitionFile().toUri(),
                        engines.stream().map(engine -> {
                            Future<ProjectRun> played = plays.get(project).get(engine);
                            return dynamicContainer(
                                    "engine " + engine,
                                    IntStream.range(0, project.edits().size())
                                            .mapToObj(index -> dynamicContainer(
                                                    project.edits().get(index).name(),
                                                    Stream.of(
                                                            dynamicTest(
                                                                    "engine does what project.json records",
                                                                    () -> EngineAgreement.checkEngine(
                                                                            edit(played, index))),
                                                            dynamicTest(
                                                                    "plugin predicts the engine",
                                                                    () -> EngineAgreement.checkPlugin(
                                                                            edit(played, index)))))));
                        })));
    }

    /** The play of one edit, once the project is played; its failure (or skip, without an engine) as thrown. */
    private static ProjectRun.EditRun edit(Future<ProjectRun> played, int index) throws Throwable {
        try {
            return played.get().edits().get(index);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
