package io.github.dockercache.differential;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Docker engine that {@code scripts/engine.sh start} runs: builds with BuildKit or the legacy builder and reports
 * per step whether it was cached.
 *
 * <p>Each engine is named as {@code DOCKERCACHE_ENGINE} names it for the script ({@code 28}, {@code 26}). Found
 * through the environment, else where the script puts that engine: {@code DOCKERCACHE_DOCKER_HOST} (else {@code unix:///tmp/dockercache-engine-<engine>/docker.sock}),
 * {@code DOCKERCACHE_DOCKER_CLIENT} (else the {@code client} link next to the socket) and
 * {@code DOCKERCACHE_DOCKER_CONFIG} (else the {@code config} directory there, which holds the buildx plugin).
 */
final class Engine {
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    /** Deleting a large cache from the vfs store (every layer in full) under load outlasts a query's 30 s. */
    private static final Duration PRUNE_TIMEOUT = Duration.ofMinutes(3);

    private static final Map<String, Engine> FOR_TESTS = new HashMap<>();
    private static final Map<String, String> UNAVAILABLE = new HashMap<>();

    private final String name;
    private final Path client;
    private final Map<String, String> environment;
    private final String serverVersion;
    private final Path lockFile;

    private Engine(String name, Path client, Map<String, String> environment, String serverVersion, Path lockFile) {
        this.name = name;
        this.client = client;
        this.environment = environment;
        this.serverVersion = serverVersion;
        this.lockFile = lockFile;
    }

    /**
     * The running engine. If there is none, the calling test is skipped, or fails when {@code CI=true}: CI must
     * never pass by skipping the ground truth.
     */
    static Engine forTests() {
        return forTests(defaultName());
    }

    /** As {@link #forTests()}, for the engine of that name. */
    static synchronized Engine forTests(String name) {
        if (!FOR_TESTS.containsKey(name) && !UNAVAILABLE.containsKey(name)) {
            try {
                FOR_TESTS.put(name, connect(name));
            } catch (EngineUnavailableException e) {
                UNAVAILABLE.put(name, e.getMessage());
            }
        }
        if (FOR_TESTS.containsKey(name)) {
            return FOR_TESTS.get(name);
        }
        String message = "no Docker engine " + name + " for the differential tests (" + UNAVAILABLE.get(name)
                + "); start one with: DOCKERCACHE_ENGINE=" + name + " scripts/engine.sh start";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** The engine {@code DOCKERCACHE_ENGINE} selects, as for the script: default 28. */
    static String defaultName() {
        return environmentOr("DOCKERCACHE_ENGINE", "28");
    }

    static Engine connect(String engine) throws EngineUnavailableException {
        Path stateDir = Path.of("/tmp/dockercache-engine-" + engine);
        Path client = Path.of(environmentOr(
                "DOCKERCACHE_DOCKER_CLIENT", stateDir.resolve("client").toString()));
        if (!Files.isExecutable(client)) {
            throw new EngineUnavailableException("no Docker client at " + client);
        }
        Map<String, String> environment = new HashMap<>();
        environment.put(
                "DOCKER_HOST", environmentOr("DOCKERCACHE_DOCKER_HOST", "unix://" + stateDir.resolve("docker.sock")));
        environment.put(
                "DOCKER_CONFIG",
                environmentOr(
                        "DOCKERCACHE_DOCKER_CONFIG", stateDir.resolve("config").toString()));
        // The 20.10 client needs it for BuildKit; the newer ones fail instead of falling back to the legacy builder.
        environment.put("DOCKER_BUILDKIT", "1");
        Path lockFile = stateDir.resolve("tests.lock");
        Engine candidate = new Engine(engine, client, environment, null, lockFile);
        try {
            ProcessOutput version =
                    candidate.run(List.of("version", "--format", "{{.Server.Version}}"), QUERY_TIMEOUT, Map.of(), true);
            if (version.exitCode() != 0) {
                throw new EngineUnavailableException("engine at " + environment.get("DOCKER_HOST")
                        + " does not answer: " + version.text().strip());
            }
            return new Engine(engine, client, environment, version.text().strip(), lockFile);
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot run " + client + ": " + e.getMessage());
        }
    }

    /**
     * The BuildKit release each engine runs, which the plugin is told as {@code buildkitVersion}: Debian's builds
     * report none ({@code buildx inspect} says v0.0.0+unknown), so it is the one each Docker release vendors.
     */
    private static final Map<String, String> BUILDKIT_VERSIONS = Map.of("28", "0.25", "26", "0.13");

    /** The BuildKit release the engine runs, as the plugin's {@code buildkitVersion} setting names it. */
    BuildKitVersion buildkitVersion() {
        String version = BUILDKIT_VERSIONS.get(name);
        if (version == null) {
            throw new IllegalStateException("engine " + name + " has no BuildKit version recorded in Engine: add it");
        }
        return BuildKitVersion.fromSetting(version);
    }

    /** The name {@code DOCKERCACHE_ENGINE} gives it: {@code 28}, {@code 26}. */
    String name() {
        return name;
    }

    String serverVersion() {
        return serverVersion;
    }

    /** Builds like {@code engine.sh probe}: BuildKit, plain progress, {@code --network=none}. */
    EngineBuild build(Path contextDir, Path dockerfile, Map<String, String> buildArgs, String target)
            throws IOException {
        return build(contextDir, dockerfile, buildArgs, target, Map.of(), Builder.BUILDKIT);
    }

    /**
     * As {@link #build(Path, Path, Map, String)} with {@code --secret id=ID,src=FILE} for each of {@code secrets},
     * on the given builder; the legacy one has no plain progress.
     */
    EngineBuild build(
            Path contextDir,
            Path dockerfile,
            Map<String, String> buildArgs,
            String target,
            Map<String, Path> secrets,
            Builder builder)
            throws IOException {
        return build(contextDir, dockerfile, buildArgs, target, secrets, List.of(), Map.of(), builder);
    }

    /**
     * As {@link #build(Path, Path, Map, String, Map, Builder)}, with {@code --allow ENTITLEMENT} for each given, and
     * the client run with {@code environment} added to its environment. A {@code SOURCE_DATE_EPOCH} of the test's own
     * environment is not passed on: buildx would make it a build argument that the scenario does not name.
     */
    EngineBuild build(
            Path contextDir,
            Path dockerfile,
            Map<String, String> buildArgs,
            String target,
            Map<String, Path> secrets,
            List<String> entitlements,
            Map<String, String> environment,
            Builder builder)
            throws IOException {
        return build(contextDir, dockerfile, buildArgs, target, secrets, entitlements, environment, builder, true);
    }

    /**
     * As {@link #build(Path, Path, Map, String, Map, List, Map, Builder)}; without {@code exportImage} (BuildKit only),
     * the result stays in the build cache alone ({@code --output type=cacheonly}): the same verdicts, without the time
     * the image store takes to write every layer.
     */
    EngineBuild build(
            Path contextDir,
            Path dockerfile,
            Map<String, String> buildArgs,
            String target,
            Map<String, Path> secrets,
            List<String> entitlements,
            Map<String, String> environment,
            Builder builder,
            boolean exportImage)
            throws IOException {
        return build(
                contextDir,
                dockerfile,
                buildArgs,
                target,
                secrets,
                entitlements,
                environment,
                builder,
                exportImage,
                false);
    }

    /**
     * As {@link #build(Path, Path, Map, String, Map, List, Map, Builder, boolean)}; with {@code rawJson} (BuildKit
     * only) the log is {@code --progress=rawjson} output, whose steps the cost package reads: the build's
     * {@link EngineBuild#steps()} are then empty.
     */
    EngineBuild build(
            Path contextDir,
            Path dockerfile,
            Map<String, String> buildArgs,
            String target,
            Map<String, Path> secrets,
            List<String> entitlements,
            Map<String, String> environment,
            Builder builder,
            boolean exportImage,
            boolean rawJson)
            throws IOException {
        boolean classic = builder == Builder.CLASSIC;
        if (classic && (!exportImage || rawJson)) {
            throw new IllegalArgumentException(
                    "the legacy builder always writes an image, and has no rawjson progress");
        }
        List<String> arguments = new ArrayList<>(List.of("build"));
        if (!classic) {
            arguments.add(rawJson ? "--progress=rawjson" : "--progress=plain");
        }
        if (!exportImage) {
            arguments.add("--output=type=cacheonly");
        }
        arguments.addAll(List.of("--network=none", "--file", dockerfile.toString()));
        buildArgs.forEach((name, value) -> arguments.addAll(List.of("--build-arg", name + "=" + value)));
        secrets.forEach((id, file) -> arguments.addAll(List.of("--secret", "id=" + id + ",src=" + file)));
        entitlements.forEach(entitlement -> arguments.addAll(List.of("--allow", entitlement)));
        if (target != null) {
            arguments.addAll(List.of("--target", target));
        }
        arguments.add(contextDir.toString());
        Map<String, String> clientEnvironment = new HashMap<>(environment);
        clientEnvironment.putIfAbsent(BuildSettings.SOURCE_DATE_EPOCH, null);
        if (classic) {
            clientEnvironment.put("DOCKER_BUILDKIT", "0");
        }
        ProcessOutput output = run(arguments, BUILD_TIMEOUT, clientEnvironment, true);
        // a Dockerfile need not be UTF-8 (a scenario tests that); stage names are ASCII
        List<String> stages = StageLabels.of(new String(Files.readAllBytes(dockerfile), StandardCharsets.UTF_8));
        Map<String, EngineStep> steps = classic
                ? ClassicProgress.steps(output.text(), stages)
                : rawJson ? Map.of() : PlainProgress.steps(output.text(), stages);
        return new EngineBuild(output.exitCode(), steps, output.text(), output.elapsed());
    }

    /**
     * The engine's build checks for a Dockerfile, without building: {@code build --call=check,format=json}
     * (buildx 0.15 and later). Returns the JSON document the client prints, whose {@code warnings} hold
     * {@code ruleName} and {@code location.ranges[].start.line}; fails on a build error, which would hide checks.
     */
    String checkJson(Path contextDir, Path dockerfile, Map<String, String> buildArgs) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "build",
                "--call=check,format=json",
                "--progress=quiet",
                "--network=none",
                "--file",
                dockerfile.toString()));
        buildArgs.forEach((name, value) -> arguments.addAll(List.of("--build-arg", name + "=" + value)));
        arguments.add(contextDir.toString());
        ProcessOutput output = run(arguments, QUERY_TIMEOUT, Map.of(), false);
        if (output.exitCode() > 1 || output.text().isBlank()) {
            throw new IOException("docker " + String.join(" ", arguments) + " failed: " + output.errors());
        }
        return output.text();
    }

    /**
     * Builds {@code contextDir}'s Dockerfile into an image tagged {@code tag}, without network. Its build cache stays
     * until the next {@link #prune()}.
     */
    void buildImage(Path contextDir, Map<String, String> buildArgs, String tag) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("build", "--quiet", "--network=none", "--tag", tag));
        buildArgs.forEach((name, value) -> arguments.addAll(List.of("--build-arg", name + "=" + value)));
        arguments.add(contextDir.toString());
        ProcessOutput output = run(arguments, BUILD_TIMEOUT, Map.of(), true);
        if (output.exitCode() != 0) {
            throw new IOException("docker " + String.join(" ", arguments) + " failed: " + output.text());
        }
    }

    /** A label of an image in the engine's store: empty when the image has no such label, null when there is none. */
    String imageLabel(String image, String label) throws IOException {
        List<String> arguments =
                List.of("image", "inspect", "--format", "{{index .Config.Labels \"" + label + "\"}}", image);
        ProcessOutput output = run(arguments, QUERY_TIMEOUT, Map.of(), false);
        return output.exitCode() != 0 ? null : output.text().strip().replace("<no value>", "");
    }

    /** One value of an image in the engine's store, as {@code docker image inspect --format} prints it. */
    String inspectImage(String image, String format) throws IOException {
        List<String> arguments = List.of("image", "inspect", "--format", format, image);
        ProcessOutput output = run(arguments, QUERY_TIMEOUT, Map.of(), false);
        if (output.exitCode() != 0) {
            throw new IOException("docker " + String.join(" ", arguments) + " failed: " + output.errors());
        }
        return output.text().strip();
    }

    /**
     * Builds {@code contextDir} (its Dockerfile) as {@code tag} with BuildKit, for a base image the offline engine
     * cannot pull; the engine then resolves the tag locally. An image built from the same files already (a label holds
     * their digest) is kept: scenarios that share it do not pay for the build again.
     */
    void buildImage(Path contextDir, String tag) throws IOException {
        String files = FileTrees.digest(contextDir);
        ProcessOutput existing = run(
                List.of("image", "inspect", "--format", "{{index .Config.Labels \"" + IMAGE_FILES_LABEL + "\"}}", tag),
                QUERY_TIMEOUT,
                Map.of(),
                false);
        if (existing.exitCode() == 0 && existing.text().strip().equals(files)) {
            return;
        }
        List<String> arguments = List.of(
                "build",
                "--progress=plain",
                "--network=none",
                "--tag",
                tag,
                "--label",
                IMAGE_FILES_LABEL + "=" + files,
                contextDir.toString());
        ProcessOutput output = run(arguments, BUILD_TIMEOUT, Map.of(), true);
        if (output.exitCode() != 0) {
            throw new IOException("docker " + String.join(" ", arguments) + " failed: " + output.text());
        }
    }

    private static final String IMAGE_FILES_LABEL = "io.github.dockercache.test.files";

    /**
     * Holds the engine for one test's prune-build-build sequence: another test JVM on the same engine (a second
     * worktree, a second CI job) would otherwise prune the cache between our two builds and fake a rebuild.
     */
    Exclusive exclusive() throws IOException {
        Files.createDirectories(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            // Polled, not waited on: two JVMs that each play both engines in parallel threads hold one engine while
            // waiting for the other, which the kernel reports as a deadlock (EDEADLK) although each thread lets go.
            FileLock lock;
            while ((lock = channel.tryLock()) == null) {
                Thread.sleep(LOCK_POLL_MILLIS);
            }
            FileLock held = lock;
            return () -> {
                held.release();
                channel.close();
            };
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + lockFile);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static final long LOCK_POLL_MILLIS = 200;

    /** The engine held by one test; closing lets the next one in. */
    interface Exclusive extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Drops all build cache, so that the next build starts from nothing (except the base image). */
    void prune() throws IOException {
        runOrThrow(List.of("builder", "prune", "--all", "--force"), PRUNE_TIMEOUT);
        // Untagged build results only cost disk (vfs stores every layer in full); the base image is tagged. They are
        // also the legacy builder's whole cache: its intermediate images go with the untagged image they lead to.
        runOrThrow(List.of("image", "prune", "--force"), PRUNE_TIMEOUT);
    }

    private void runOrThrow(List<String> arguments, Duration timeout) throws IOException {
        ProcessOutput output = run(arguments, timeout, Map.of(), true);
        if (output.exitCode() != 0) {
            throw new IOException("docker " + String.join(" ", arguments) + " failed: " + output.text());
        }
    }

    /** @param errors the standard error output when it was kept apart, else empty */
    private record ProcessOutput(int exitCode, String text, Duration elapsed, String errors) {}

    /** @param mergeErrors standard error into {@code text}, else kept apart in {@code errors} */
    private ProcessOutput run(
            List<String> arguments, Duration timeout, Map<String, String> extraEnvironment, boolean mergeErrors)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(client.toString());
        command.addAll(arguments);
        // Files, not pipes: nothing has to drain them while the client runs.
        Path output = Files.createTempFile("dockercache-engine", ".log");
        Path errors = Files.createTempFile("dockercache-engine", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile());
            if (mergeErrors) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(errors.toFile());
            }
            builder.environment().putAll(environment);
            // a null value removes the variable
            extraEnvironment.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            // lenient: the log echoes the Dockerfile's bytes, which need not be UTF-8
            return new ProcessOutput(
                    process.exitValue(),
                    new String(Files.readAllBytes(output), StandardCharsets.UTF_8),
                    elapsed,
                    new String(Files.readAllBytes(errors), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    private static String environmentOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static final class EngineUnavailableException extends Exception {
        EngineUnavailableException(String message) {
            super(message);
        }
    }
}
