package io.github.dockercache.compare;

import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BaseImage;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Dependencies;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.testing.ContextTree;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A real build context on disk, snapshotted before and after a change. */
final class Scenario extends ContextTree<Scenario> {
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private String target;
    private Builder builder = Builder.BUILDKIT;
    private ImageDigests images = ImageDigests.NONE;
    private BuildKitVersion buildkitVersion = BuildKitVersion.NEWEST;
    private Dependencies dependencies;
    private Secrets secrets = Secrets.PATTERNS_ONLY;
    private String clientSourceDateEpoch;

    Scenario(Path dir) {
        super(dir);
    }

    @Override
    protected Scenario self() {
        return this;
    }

    Scenario buildArg(String name, String value) {
        buildArgs.put(name, value);
        return this;
    }

    Scenario target(String stage) {
        this.target = stage;
        return this;
    }

    Scenario builder(Builder rules) {
        this.builder = rules;
        return this;
    }

    /** Every FROM image is {@code image}, as a registry or a baseline tells it; null for unknown. */
    Scenario image(BaseImage image) {
        return images((reference, platform) -> image);
    }

    /** Images as {@code digests} tells them. */
    Scenario images(ImageDigests digests) {
        this.images = digests;
        return this;
    }

    /** The client's SOURCE_DATE_EPOCH environment variable; null for none. */
    Scenario clientSourceDateEpoch(String value) {
        this.clientSourceDateEpoch = value;
        return this;
    }

    Scenario buildkitVersion(String version) {
        this.buildkitVersion = BuildKitVersion.fromSetting(version);
        return this;
    }

    /** The project's runtime dependencies, as Maven lists them ({@code g:a:jar:1.0}); none listed by default. */
    Scenario dependencies(String... coordinates) {
        this.dependencies = new Dependencies(List.of(coordinates), List.of(), new TreeMap<>());
        return this;
    }

    /** Which of the dependencies are modules of the build itself (siblings in its reactor); none by default. */
    Scenario modules(String... coordinates) {
        this.dependencies = new Dependencies(dependencies.maven(), List.of(coordinates), dependencies.manifests());
        return this;
    }

    Scenario secrets(Secrets configuration) {
        this.secrets = configuration;
        return this;
    }

    Snapshot snapshot() throws AnalysisException {
        return analyse().snapshot().withDependencies(dependencies);
    }

    Analysis analyse() throws AnalysisException {
        return analyse(Map.copyOf(buildArgs), target, builder, images, buildkitVersion, secrets, clientSourceDateEpoch);
    }

    static Comparison compare(Snapshot after, Snapshot before) {
        return Comparison.compare(after, before);
    }

    /** Each step's verdict, by step id, in build order. */
    static Map<String, Verdict> verdicts(Comparison comparison) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        comparison.steps().forEach(s -> verdicts.put(s.stepId(), s.verdict()));
        return verdicts;
    }

    static StepResult step(Comparison comparison, String id) {
        return comparison.steps().stream()
                .filter(s -> s.stepId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** A Maven app built in a two-stage Dockerfile: dependencies first, then the sources; the jar copied to a JRE. */
    static Scenario javaApp(Path dir) {
        return new Scenario(dir)
                .dockerfile(
                        "FROM maven:3.9.9-eclipse-temurin-17 AS build",
                        "WORKDIR /workspace",
                        "COPY pom.xml .",
                        "RUN mvn -B dependency:go-offline",
                        "COPY src ./src",
                        "RUN mvn -B -o package",
                        "",
                        "FROM eclipse-temurin:17-jre",
                        "RUN useradd app",
                        "COPY --from=build /workspace/target/app.jar /app.jar")
                .file(".dockerignore", "target/\n")
                .file("pom.xml", "<project/>\n")
                .file("src/main/java/App.java", "class App {}\n");
    }

    /** The Quarkus codestart's src/main/docker/Dockerfile.jvm (the quickstarts'), at the root of a context. */
    static final String[] QUARKUS_DOCKERFILE = {
        "FROM registry.access.redhat.com/ubi9/openjdk-21:1.21",
        "ENV LANGUAGE='en_US:en'",
        "COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
        "COPY --chown=185 target/quarkus-app/*.jar /deployments/",
        "COPY --chown=185 target/quarkus-app/app/ /deployments/app/",
        "COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/",
        "EXPOSE 8080",
        "USER 185",
        "ENTRYPOINT [ \"/opt/jboss/container/java/run/run-java.sh\" ]"
    };

    /** A Quarkus JVM app after {@code mvn package}: its fast-jar in target/quarkus-app, the quickstarts' .dockerignore. */
    static Scenario quarkusJvm(Path dir) {
        return new Scenario(dir)
                .dockerfile(QUARKUS_DOCKERFILE)
                .file(
                        ".dockerignore",
                        "*\n!target/*-runner\n!target/*-runner.jar\n!target/lib/*\n!target/quarkus-app/*\n")
                .file("pom.xml", "<project/>\n")
                .file("target/quarkus-app/lib/boot/io.quarkus.quarkus-bootstrap-runner-3.15.1.jar", "boot")
                .file("target/quarkus-app/lib/main/com.example.lib-a-1.0.jar", "a 1.0")
                .file("target/quarkus-app/lib/main/com.example.lib-b-1.0.jar", "b 1.0")
                .file("target/quarkus-app/quarkus-run.jar", "run")
                .file("target/quarkus-app/app/app.jar", "app")
                .file("target/quarkus-app/quarkus/generated-bytecode.jar", "generated");
    }
}
