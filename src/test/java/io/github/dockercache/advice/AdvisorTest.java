package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule together on one realistic project: order, rendering and disabling. */
class AdvisorTest {
    @TempDir
    Path dir;

    private Project javaApp() {
        return new Project(dir)
                .file("pom.xml", "<project/>\n")
                .file(".mvn/maven.config", "-B\n")
                .file("src/main/java/App.java", "class App {}\n")
                .file("target/app.jar", "jar\n")
                .file(".git/HEAD", "ref: refs/heads/main\n")
                .file("build.log", "ok\n")
                .file("site/big.bin", 150 * 1024)
                .dockerfile(
                        "# syntax=docker/dockerfile:1",
                        "FROM maven:3.9.9-eclipse-temurin-17 AS build",
                        "ARG REVISION=1.0",
                        "RUN apt-get update",
                        "RUN apt-get install -y git",
                        "WORKDIR /workspace",
                        "COPY src ./src",
                        "COPY . .",
                        "RUN mvn -B package -Drevision=$REVISION",
                        "",
                        "FROM eclipse-temurin:17-jre",
                        "ADD https://example.com/agent.jar /opt/agent.jar",
                        "COPY --from=build /workspace/target/*.jar /app.jar");
    }

    @Test
    void everyRuleOnOneProjectInADeterministicOrder() throws Exception {
        String rendered = javaApp().advise().stream().map(Finding::toString).collect(Collectors.joining("\n")) + "\n";
        assertEquals(golden("java-app.txt"), rendered);
    }

    @Test
    void disabledRulesAreSkippedAndUnknownIdsRejected() throws Exception {
        Project project = javaApp();
        List<String> all = project.advise().stream()
                .map(Finding::ruleId)
                .distinct()
                .sorted()
                .toList();
        List<String> remaining = project.advise("DC101", "dc301").stream()
                .map(Finding::ruleId)
                .distinct()
                .sorted()
                .toList();
        assertEquals(
                all.stream()
                        .filter(id -> !id.equals("DC101") && !id.equals("DC301"))
                        .toList(),
                remaining);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> project.advise("DC999"));
        assertEquals(
                "unknown dockercache rule id DC999; the rules are DC101, DC102, DC103, DC104, DC105, DC201, DC202,"
                        + " DC203, DC301, DC302, DC303, DC401",
                error.getMessage());
    }

    private static String golden(String name) throws Exception {
        try (InputStream in = AdvisorTest.class.getResourceAsStream("/advice/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
