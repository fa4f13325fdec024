package io.github.dockercache.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.store.SnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module of a reactor whose image copies its build outputs: nothing half-built is hashed, and what is missing is
 * said with the way to make it. The reactor root is {@code dir}; the module is {@code dir/app}.
 */
class UnfinishedOutputsTest {
    @TempDir
    Path dir;

    private Path module(String dockerfile) throws Exception {
        Path module = Files.createDirectories(dir.resolve("app"));
        Files.writeString(module.resolve("Dockerfile"), dockerfile);
        return module;
    }

    private Goals request(Path context, Path dockerfile, BuildOutputs outputs) {
        Path module = dir.resolve("app");
        Path baseline = module.resolve(".dockercache/baseline.json");
        return Goals.of(
                Goals.image(
                        new BuildSettings(
                                context, dockerfile, Map.of("JAR", "app-1.0.jar"), null, ClientPlatform.LINUX, null),
                        module.resolve("target/dockercache"),
                        new Invocation(dir, outputs, new TestHints(), StatCacheShare.NONE)),
                baseline,
                "app/.dockercache/baseline.json");
    }

    private BuildOutputs outputs(Path artifact, String... pending) {
        return new BuildOutputs(dir.resolve("app/target"), artifact, List.of(pending), Map.of());
    }

    @Test
    void anAggregatorsImageThatCopiesAModuleNotBuiltYetIsCheckedLater() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY app/target/app-1.0.jar /app.jar\n");
        BuildOutputs root =
                new BuildOutputs(dir.resolve("target"), null, List.of(), Map.of(dir.resolve("app/target"), "app"));
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> Workflow.check(
                        request(dir, dir.resolve("Dockerfile"), root).compare(), null));
        assertEquals(
                "app/target/app-1.0.jar, which the image copies (Dockerfile:2:1), does not exist yet: this build builds"
                        + " app after this goal",
                e.laterReason());
        assertEquals(Set.of(dir.resolve("app/target")), e.awaited());
        assertEquals(
                "Not checked: app/target/app-1.0.jar, which the image copies (Dockerfile:2:1), does not exist yet:"
                        + " this build builds app after this goal. Check the image once the build has finished: mvn"
                        + " dockercache:check.",
                e.getMessage());
    }

    @Test
    void anAggregatorsImageThatCopiesAModuleBuiltAfterItIsNotHashed() throws Exception {
        // the reactor's root runs check before its modules: their jars are still the previous build's
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY app/target/app-1.0.jar /app.jar\n");
        Files.writeString(Files.createDirectories(dir.resolve("app/target")).resolve("app-1.0.jar"), "old jar");
        BuildOutputs root =
                new BuildOutputs(dir.resolve("target"), null, List.of(), Map.of(dir.resolve("app/target"), "app"));
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> Workflow.check(
                        request(dir, dir.resolve("Dockerfile"), root).compare(), null));
        assertEquals(
                "the image copies app/target/app-1.0.jar from the build directory of app, which this build builds"
                        + " after this goal",
                e.laterReason());
        assertEquals(Set.of(dir.resolve("app/target")), e.awaited());
        assertEquals(
                "Not checked: the image copies app/target/app-1.0.jar from the build directory of app, which this"
                        + " build builds after this goal, so these are the previous build's files. If the image does"
                        + " not need them, add app/target/ to .dockerignore; else check the image once the build has"
                        + " finished: mvn dockercache:check.",
                e.getMessage());
    }

    @Test
    void aJarNotBuiltYetIsSaidWithTheCommandThatBuildsIt() throws Exception {
        Path module = module("FROM scratch\nCOPY target/app-1.0.jar /app.jar\n");
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> BaselineWorkflow.record(request(module, module.resolve("Dockerfile"), outputs(null))
                        .baseline()));
        assertTrue(e.isUserError());
        assertEquals(
                "app/target/app-1.0.jar, which the image copies (app/Dockerfile:2:1), does not exist: the project is"
                        + " not built yet. Build it first: mvn package.",
                e.getMessage());
        assertNull(e.getCause(), "reworded in full: a cause would only add its class name to Maven's error");
        assertFalse(Files.exists(module.resolve(".dockercache/baseline.json")));
    }

    @Test
    void aPathTheBuildDoesNotMakeIsSaidNextToWhatItMade() throws Exception {
        Path module = module("FROM scratch\nCOPY target/app.jar /app.jar\n");
        Path artifact = Files.createDirectories(module.resolve("target")).resolve("app-1.0.jar");
        Files.writeString(artifact, "jar");
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> Workflow.check(
                        request(module, module.resolve("Dockerfile"), outputs(artifact))
                                .compare(),
                        null));
        assertEquals(
                "app/target/app.jar, which the image copies (app/Dockerfile:2:1), does not exist, though the project"
                        + " is built (its artifact is app/target/app-1.0.jar): correct the path in the Dockerfile, or the build"
                        + " argument that gives it.",
                e.getMessage());
    }

    @Test
    void aMissingSourceOutsideTheBuildDirectoryKeepsBuildKitsWords() throws Exception {
        Path module = module("FROM scratch\nCOPY config/app.yaml /app.yaml\n");
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> Workflow.check(
                        request(module, module.resolve("Dockerfile"), outputs(null))
                                .compare(),
                        null));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "app/Dockerfile:2:1: failed to compute cache key: \"/config/app.yaml\" not" + " found"),
                e.getMessage());
    }

    @Test
    void aJarThatWorkStillToComeRewritesIsNotHashed() throws Exception {
        Path module = module("FROM scratch\nCOPY target/app-1.0.jar /app.jar\n");
        Path artifact = Files.createDirectories(module.resolve("target")).resolve("app-1.0.jar");
        Files.writeString(artifact, "jar before repackaging");
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> Workflow.check(
                        request(
                                        module,
                                        module.resolve("Dockerfile"),
                                        outputs(artifact, "maven-antrun-plugin:run (repackage)"))
                                .compare(),
                        null));
        assertEquals(
                "The image copies app/target/app-1.0.jar from the build directory, which this build has not"
                        + " finished: maven-antrun-plugin:run (repackage) runs after this goal. Run check last.",
                e.getMessage());
        assertFalse(
                Files.exists(module.resolve("target/dockercache/snapshot.json")), "no snapshot of a half-built jar");
    }

    @Test
    void workStillToComeDoesNotMatterToAnImageThatCopiesNoBuildOutput() throws Exception {
        Path module = module("FROM scratch\nCOPY src /src\n");
        Files.createDirectories(module.resolve("src"));
        Files.writeString(module.resolve("src/App.java"), "class App {}");
        Outcome outcome = Workflow.check(
                request(
                                module,
                                module.resolve("Dockerfile"),
                                outputs(
                                        null,
                                        "maven-jar-plugin:jar (default-jar)",
                                        "maven-antrun-plugin:run (repackage)"))
                        .compare(),
                null);
        assertNull(outcome.failure());
    }

    @Test
    void aSharedDockerfileIsStoredRelativeToTheContextAndShownFromTheRoot() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("docker")).resolve("Dockerfile");
        Files.writeString(shared, "FROM scratch\nARG JAR\nCOPY ${JAR} /app.jar\nENTRYPOINT java -jar /app.jar\n");
        Path target = Files.createDirectories(dir.resolve("app/target"));
        Files.writeString(target.resolve("app-1.0.jar"), "jar");
        Goals request = request(target, shared, outputs(target.resolve("app-1.0.jar")));
        BaselineWorkflow.record(request.baseline());
        Outcome outcome = Workflow.check(request.compare(), null);
        // the committed baseline holds no absolute path, and reaches the Dockerfile from the context
        assertEquals(
                "../../docker/Dockerfile",
                SnapshotStore.read(request.baselineFile()).dockerfile());
        assertTrue(
                outcome.warnings().stream().anyMatch(w -> w.startsWith("docker/Dockerfile:4:1: JSONArgsRecommended")),
                outcome.warnings().toString());
        String report = Files.readString(dir.resolve("app/target/dockercache/check.json"));
        assertTrue(report.contains("\"dockerfile\": \"docker/Dockerfile\""), report);
        assertTrue(Files.readString(dir.resolve("app/target/dockercache/summary.md"))
                .startsWith("## ✅ dockercache: docker/Dockerfile passes"));
        assertEquals(new Tally(1, true, 1, 0, 0, 0), outcome.tally(), "FROM scratch is no step");
    }
}
