package io.github.dockercache.report;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.testing.ContextTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A small multi-stage Java build on a real directory tree, and the changes the CI reports must show.
 * Stable steps: build:1 to build:4 and runtime:1 to runtime:3 (the last by its marker comment).
 */
final class JavaBuild extends ContextTree<JavaBuild> {
    private JavaBuild(Path dir) {
        super(dir);
    }

    @Override
    protected JavaBuild self() {
        return this;
    }

    /** The build as committed: its baseline is a snapshot of this state. */
    static JavaBuild in(Path dir) throws IOException {
        return new JavaBuild(dir)
                .dockerfile(
                        "FROM maven:3.9.9-eclipse-temurin-17 AS build",
                        "WORKDIR /workspace",
                        "COPY pom.xml .",
                        "RUN mvn -B dependency:go-offline",
                        "COPY src ./src",
                        "RUN mvn -B -o package",
                        "",
                        "FROM eclipse-temurin:17-jre AS runtime",
                        "RUN useradd app",
                        "# dockercache:stable",
                        "COPY --from=build /workspace/target/app.jar /app.jar")
                .file(".dockerignore", "target/\n")
                .file("pom.xml", "<project/>\n")
                .file("src/main/java/App.java", "class App {}\n");
    }

    /** Nothing changed: every step is cached. */
    static Comparison unchanged(Path dir) throws IOException, AnalysisException {
        JavaBuild build = in(dir);
        return Comparison.compare(build.snapshot(), build.snapshot());
    }

    /** pom.xml became executable: build:3 and build:4, stable, are rebuilt for an unexpected reason. */
    static Comparison pomModeChanged(Path dir) throws IOException, AnalysisException {
        JavaBuild build = in(dir);
        Snapshot baseline = build.snapshot();
        return Comparison.compare(build.chmod("pom.xml", "rwxr-xr-x").snapshot(), baseline);
    }

    /** A dependency was added to pom.xml: an expected rebuild from build:3 on. */
    static Comparison pomEdited(Path dir) throws IOException, AnalysisException {
        JavaBuild build = in(dir);
        Snapshot baseline = build.snapshot();
        return Comparison.compare(
                build.file("pom.xml", "<project><!-- new dependency --></project>\n")
                        .snapshot(),
                baseline);
    }

    /** A source edit: build:5 and build:6 rebuilt, runtime:3 (stable) unknown until the jar is built. */
    static Comparison sourceEdited(Path dir) throws IOException, AnalysisException {
        JavaBuild build = in(dir);
        Snapshot baseline = build.snapshot();
        return Comparison.compare(
                build.file("src/main/java/App.java", "class App { int x; }\n").snapshot(), baseline);
    }

    Snapshot snapshot() throws AnalysisException {
        return snapshot(Map.of(), null);
    }
}
