package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.advice.Advisor;
import io.github.dockercache.advice.Finding;
import io.github.dockercache.advice.RealProjects;
import io.github.dockercache.advice.Rewrites;
import io.github.dockercache.advice.TestJars;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Dockerfile DC105 proposes for the real-project fixtures, checked by the engine: {@code docker buildx build
 * --call=check} (BuildKit 0.25, engine 28; Docker 26's buildx has no {@code --call}) gives it no warning the original
 * did not have, and the plugin's build checks give the same ones. Offline, FROM images become the engine's busybox
 * ({@link OfflineDockerfile}), placeholders are filled in, and nothing is built.
 */
class PrebuiltJarCheckDifferentialTest {
    @TempDir
    Path empty;

    @TempDir
    Path projectDir;

    @Test
    void everyProposedDockerfilePassesTheEnginesChecks() throws Exception {
        Engine engine = Engine.forTests();
        int checked = 0;
        List<String> problems = new ArrayList<>();
        List<RealProjects.Build> builds = new ArrayList<>(RealProjects.all());
        builds.addAll(otherKinds());
        for (RealProjects.Build build : builds) {
            Path context = build.context();
            BuildSettings settings = new BuildSettings(
                    context,
                    context.resolve(build.dockerfile()).normalize(),
                    build.buildArgs(),
                    null,
                    ClientPlatform.LINUX,
                    null);
            Analysis analysis = CacheModel.analyse(settings, null, ScanProgress.NONE, ImageDigests.NONE);
            for (Finding finding : Advisor.advise(analysis, settings, null, Set.of())) {
                if (!finding.ruleId().equals("DC105")) {
                    continue;
                }
                String before =
                        OfflineDockerfile.rewrite(analysis.dockerfileText(), Set.of(LintDifferentialTest.BUSYBOX));
                String after = OfflineDockerfile.rewrite(
                        Rewrites.filled(Rewrites.apply(analysis.dockerfileText(), finding.edits())),
                        Set.of(LintDifferentialTest.BUSYBOX));
                List<String> engineBefore = check(engine, before, build);
                List<String> engineAfter = check(engine, after, build);
                List<String> plugin = DockerfileReader.parse(after, "Dockerfile").warnings().stream()
                        .map(warning -> warning.location().line() + " " + warning.rule())
                        .sorted()
                        .toList();
                if (!engineAfter.equals(plugin)) {
                    problems.add(build + ": the engine warns " + engineAfter + ", the plugin " + plugin + "\n" + after);
                }
                if (rules(engineAfter).size() > rules(engineBefore).size()
                        || !rules(engineBefore).containsAll(rules(engineAfter))) {
                    problems.add(build + ": new warnings " + engineAfter + " (before: " + engineBefore + ")\n" + after);
                }
                checked++;
            }
        }
        System.out.println("PrebuiltJarCheckDifferentialTest: " + checked + " proposed Dockerfiles checked by engine "
                + engine.name());
        assertTrue(checked >= 5, "the fixtures give DC105 findings of every kind to check");
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    /** A Quarkus runner jar with its fast-jar directories beside it, and a shaded jar, which no fixture has. */
    private List<RealProjects.Build> otherKinds() throws Exception {
        Path quarkus = projectDir.resolve("quarkus");
        write(quarkus.resolve("context/pom.xml"), "<project/>\n".getBytes(StandardCharsets.UTF_8));
        write(
                quarkus.resolve("context/target/app-1.0-runner.jar"),
                new TestJars()
                        .manifest("Main-Class: io.quarkus.runner.GeneratedMain")
                        .entry("io/quarkus/runtime/Application.class", 500)
                        .bytes());
        for (String file :
                List.of("quarkus-run.jar", "lib/main/core.jar", "app/app-1.0.jar", "quarkus/generated-bytecode.jar")) {
            write(quarkus.resolve("context/target/quarkus-app/" + file), "jar\n".getBytes(StandardCharsets.UTF_8));
        }
        write(
                quarkus.resolve("context/Dockerfile"),
                String.join(
                                "\n",
                                "FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:1.24",
                                "ENV LANGUAGE='en_US:en'",
                                "COPY --chown=185 target/*-runner.jar /deployments/app.jar",
                                "EXPOSE 8080",
                                "USER 185",
                                "ENTRYPOINT [\"java\", \"-jar\", \"/deployments/app.jar\"]",
                                "")
                        .getBytes(StandardCharsets.UTF_8));
        Path shaded = projectDir.resolve("shaded");
        write(shaded.resolve("context/pom.xml"), "<project/>\n".getBytes(StandardCharsets.UTF_8));
        write(
                shaded.resolve("context/target/tool.jar"),
                new TestJars()
                        .manifest("Main-Class: com.example.Main")
                        .text("META-INF/maven/com.example/tool/pom.properties", "version=1\n")
                        .text("META-INF/maven/com.google.guava/guava/pom.properties", "version=33\n")
                        .bytes());
        write(
                shaded.resolve("context/Dockerfile"),
                String.join(
                                "\n",
                                "FROM eclipse-temurin:21-jre",
                                "COPY target/tool.jar /opt/tool/tool.jar",
                                "ENTRYPOINT [\"java\", \"-jar\", \"/opt/tool/tool.jar\"]",
                                "")
                        .getBytes(StandardCharsets.UTF_8));
        return List.of(
                new RealProjects.Build("quarkus-runner-jar", quarkus, "Dockerfile", Map.of(), null),
                new RealProjects.Build("shaded-jar", shaded, "Dockerfile", Map.of(), null));
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    private List<String> check(Engine engine, String text, RealProjects.Build build) throws Exception {
        Path dockerfile = Files.writeString(empty.resolve("Dockerfile"), text, StandardCharsets.UTF_8);
        return LintDifferentialTest.engineWarnings(engine.checkJson(empty, dockerfile, build.buildArgs()));
    }

    private static List<String> rules(List<String> warnings) {
        return warnings.stream()
                .map(warning -> warning.split(" ", 2)[1])
                .sorted()
                .toList();
    }
}
