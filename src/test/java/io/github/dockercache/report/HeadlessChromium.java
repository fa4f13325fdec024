package io.github.dockercache.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium, run headless from the command line as CI runs it: no driver, no network, a fresh
 * profile for every run so that no state leaks from one run, or one machine, into the next.
 */
final class HeadlessChromium {
    /** Where Debian's {@code chromium} package installs it. */
    static final Path DEBIAN_PATH = Path.of("/usr/bin/chromium");
    /** A cold start on a slow CI machine takes seconds; a hang must not hold the build. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final List<String> QUIET_SWITCHES = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    private final Path executable;
    private final Path workDir;
    private final Path log;

    /**
     * @param workDir where the profiles and the captured output go
     * @param log the file Chromium's own messages are appended to, to read when a run fails
     */
    HeadlessChromium(Path executable, Path workDir, Path log) {
        this.executable = executable;
        this.workDir = workDir;
        this.log = log;
    }

    /** {@code /usr/bin/chromium}, else a {@code chromium} on the PATH. */
    static Optional<Path> find() {
        if (Files.isExecutable(DEBIAN_PATH)) {
            return Optional.of(DEBIAN_PATH);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "chromium"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Opens the page with the given switches and returns what Chromium printed on standard output. */
    String run(Path page, String... switches) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "profile-");
        Path stdout = Files.createTempFile(workDir, "stdout-", ".txt");
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(QUIET_SWITCHES);
        command.add("--user-data-dir=" + profile);
        command.addAll(List.of(switches));
        command.add(page.toUri().toString());
        Files.writeString(
                log,
                "$ " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            // Chromium's renderer and helper processes are its children: end them with it
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("Chromium did not finish within " + TIMEOUT + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("Chromium exited with " + process.exitValue() + "; see " + log);
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
