import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.history.ImageHistory;
import io.github.dockercache.history.Replay;
import io.github.dockercache.model.BuildSettings;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The history benchmark (bench/history.sh). {@code HistoryBench --generate DIR}: a git repository of 10,000 Java
 * files (20 modules, 10 packages each, 50 files each, ~300 bytes a file) and 51 commits, the first importing it all and
 * each later one editing one file: the root pom every 10th, README.md every 7th, else one Java file. {@code
 * HistoryBench DIR COMMITS}: replays the last COMMITS commits once and prints one line of {@code key=value}, wall
 * and CPU time of the replay (the process' CPU, all threads).
 */
public final class HistoryBench {
    private static final String DOCKERFILE = """
            FROM eclipse-temurin:21-jdk
            WORKDIR /build
            COPY pom.xml .
            RUN mvn -B dependency:go-offline
            COPY . .
            RUN mvn -B package
            """;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--generate")) {
            generate(Path.of(args[1]));
            return;
        }
        Path repository = Path.of(args[0]);
        int commits = Integer.parseInt(args[1]);
        BuildSettings settings = new BuildSettings(
                repository, repository.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        ImageHistory history = Replay.of(settings, StabilityPolicy.defaults(), null, commits);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "commits=%d seconds=%.3f cpu=%.3f perCommit=%.3f filesHashed=%d treesRead=%d busting=%d%n",
                history.commits().size(),
                seconds,
                cpu,
                seconds / history.commits().size(),
                history.filesHashed(),
                history.treesRead(),
                history.busting().size());
    }

    private static void generate(Path directory) throws Exception {
        try (Git git = Git.init()
                .setDirectory(directory.toFile())
                .setInitialBranch("main")
                .call()) {
            write(directory, "Dockerfile", DOCKERFILE);
            write(directory, ".dockerignore", "README.md\n");
            write(directory, "README.md", "# bench\n");
            write(directory, "pom.xml", pom(0));
            for (int module = 0; module < 20; module++) {
                for (int pkg = 0; pkg < 10; pkg++) {
                    for (int file = 0; file < 50; file++) {
                        write(directory, javaFile(module, pkg, file), java(module, pkg, file, 0));
                    }
                }
            }
            commit(git, 0, "Import");
            for (int i = 1; i <= 50; i++) {
                if (i % 10 == 0) {
                    write(directory, "pom.xml", pom(i));
                } else if (i % 7 == 0) {
                    write(directory, "README.md", "# bench\n\nrevision " + i + "\n");
                } else {
                    int module = i % 20;
                    int pkg = i % 10;
                    int file = i % 50;
                    write(directory, javaFile(module, pkg, file), java(module, pkg, file, i));
                }
                commit(git, i, "Change " + i);
            }
            git.gc().call(); // packed, as a clone is
        }
    }

    private static String javaFile(int module, int pkg, int file) {
        return String.format(
                Locale.ROOT, "m%02d/src/main/java/com/example/m%02d/p%d/C%02d.java", module, module, pkg, file);
    }

    private static String java(int module, int pkg, int file, int revision) {
        return String.format(
                Locale.ROOT,
                "package com.example.m%02d.p%d;%n%n/** Generated for the history benchmark. */"
                        + "%npublic final class C%02d {%n    static final int REVISION = %d;%n%n    public int value() {%n"
                        + "        return %d * REVISION + %d;%n    }%n}%n",
                module,
                pkg,
                file,
                revision,
                module * 1000 + pkg,
                file);
    }

    private static String pom(int revision) {
        return "<project><artifactId>bench</artifactId><version>1." + revision + "</version></project>\n";
    }

    private static void write(Path root, String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void commit(Git git, int i, String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent(
                "Bench",
                "bench@example.com",
                Date.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * i)),
                TimeZone.getTimeZone("UTC"));
        git.commit()
                .setMessage(message)
                .setAuthor(who)
                .setCommitter(who)
                .setSign(false)
                .call();
    }
}
