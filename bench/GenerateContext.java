import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Generates a deterministic build context shaped like a real multi-module project: many small source
 * files in deep package trees, medium assets, a few large binaries, a .dockerignore that excludes
 * {@code target/}, {@code .git/} and logs (all of which hold files), symlinks and empty directories.
 *
 * <p>With {@code --files N} it writes instead N tiny files (three in four empty, the others up to 256
 * bytes) in 100 × 100 package directories: a context of many entries and few bytes, for the memory of
 * a million-file context; an empty file takes an inode but no data block, so it stays small on disk.
 *
 * <p>Usage: {@code java bench/GenerateContext.java DIR [--scale F | --files N] [--seed N]}. The same
 * options give byte-identical files. A stamp under {@code target/} (ignored by the context) records them,
 * so a second call on a finished directory returns at once.
 */
public final class GenerateContext {
    private static final String[] WORDS = {
        "account",
        "adapter",
        "audit",
        "billing",
        "cache",
        "client",
        "config",
        "core",
        "customer",
        "domain",
        "event",
        "export",
        "gateway",
        "health",
        "importer",
        "inventory",
        "ledger",
        "mapper",
        "metrics",
        "order",
        "payment",
        "policy",
        "report",
        "repository",
        "scheduler",
        "search",
        "security",
        "service",
        "session",
        "shipping",
        "storage",
        "tenant",
        "token",
        "user",
        "util",
        "web"
    };
    private static final String[] CODE = {
        "public", "final", "class", "return", "if", "else", "for", "new", "private", "static", "void", "String", "int",
        "long", "List", "Map", "null", "this", "throw", "try", "{", "}", "(", ")", ";", "=", "==", "+", ".", ",", "get",
        "set", "value", "result", "items", "size"
    };
    private static final int MIB = 1024 * 1024;

    private final Path root;
    private final double scale;
    private final long smallFiles;
    private final SplittableRandom random;
    private long files;
    private long bytes;

    private GenerateContext(Path root, double scale, long smallFiles, long seed) {
        this.root = root;
        this.scale = scale;
        this.smallFiles = smallFiles;
        this.random = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java GenerateContext.java DIR [--scale F | --files N] [--seed N]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath();
        double scale = 1.0;
        long smallFiles = 0;
        long seed = 42;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[i + 1]);
                case "--files" -> smallFiles = Long.parseLong(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String stampText = "seed=" + seed + (smallFiles > 0 ? " files=" + smallFiles : " scale=" + scale) + "\n";
        Path stamp = root.resolve("target/.generated");
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(stampText)) {
            System.out.println(root + " already generated (" + stampText.strip() + ")");
            return;
        }
        if (Files.isDirectory(root)) {
            try (Stream<Path> existing = Files.list(root)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalStateException(root + " is not empty and was not generated with "
                            + stampText.strip() + "; remove it or pick another directory");
                }
            }
        }
        long start = System.nanoTime();
        GenerateContext generator = new GenerateContext(root, scale, smallFiles, seed);
        if (smallFiles > 0) {
            generator.generateSmallFiles();
        } else {
            generator.generate();
        }
        Files.createDirectories(stamp.getParent());
        Files.writeString(stamp, stampText);
        System.out.printf(
                Locale.ROOT,
                "generated %d files, %.0f MiB in %s (%.1f s)%n",
                generator.files,
                generator.bytes / (double) MIB,
                root,
                (System.nanoTime() - start) / 1e9);
    }

    private int count(int full) {
        return Math.max(1, (int) Math.round(full * scale));
    }

    private void generate() throws IOException {
        Files.createDirectories(root);
        text(".dockerignore", """
                # build output, except the application jar the image needs
                target/*
                !target/app.jar
                .git
                **/*.log
                """);
        text("Dockerfile", """
                FROM eclipse-temurin:17-jre
                WORKDIR /app
                COPY modules/core/ /app/core/
                COPY assets /app/assets
                COPY data/model-a.bin /models/
                COPY target/app.jar /app/app.jar
                COPY modules/*/src/main/resources /app/resources/
                COPY . /src
                RUN echo built
                """);
        text("README.md", prose(4_000));
        // The file bench/run.sh edits for the "one file changed" measurement.
        text("modules/core/src/main/java/com/example/core/Main.java", source(3_000));

        List<String> modules = new ArrayList<>(List.of("core"));
        for (int i = 1; i < 12; i++) {
            modules.add(String.format(Locale.ROOT, "%s-%02d", pick(WORDS), i));
        }
        int sourcesPerModule = count(84_500) / modules.size();
        List<String> directories = new ArrayList<>();
        for (String module : modules) {
            sourceTree(
                    "modules/" + module + "/src/main/java/com/example/" + module.replace('-', '_'),
                    sourcesPerModule * 2 / 3,
                    ".java",
                    directories);
            sourceTree(
                    "modules/" + module + "/src/test/java/com/example/" + module.replace('-', '_'),
                    sourcesPerModule / 3 - 20,
                    "Test.java",
                    directories);
            for (int i = 0; i < 20; i++) {
                text(
                        "modules/" + module + "/src/main/resources/" + pick(WORDS) + "-" + i + ".properties",
                        prose(100 + random.nextInt(2_000)));
            }
            for (int i = 0; i < count(40); i++) {
                text("modules/" + module + "/logs/run-" + i + ".log", prose(5_000)); // ignored by **/*.log
            }
        }
        for (int i = 0; i < count(400); i++) {
            binary(
                    String.format(Locale.ROOT, "assets/%s/%s-%03d.bin", pick(WORDS), pick(WORDS), i),
                    logUniform(64 * 1024, 2 * MIB));
        }
        binary("data/model-a.bin", (long) (200L * MIB * scale));
        binary("data/model-b.bin", (long) (120L * MIB * scale));
        binary("data/fixtures.tar", (long) (60L * MIB * scale));
        binary("target/app.jar", (long) (40L * MIB * scale));
        binary("target/dist.tar", (long) (100L * MIB * scale)); // ignored
        for (int i = 0; i < count(6_000); i++) {
            binary(
                    String.format(Locale.ROOT, "target/classes/com/example/%s/C%05d.class", pick(WORDS), i),
                    logUniform(300, 12_000));
        }
        for (int i = 0; i < count(8_000); i++) {
            String hex = String.format(Locale.ROOT, "%040x", random.nextLong() & Long.MAX_VALUE);
            binary(".git/objects/" + hex.substring(0, 2) + "/" + hex.substring(2), logUniform(100, 8_000));
        }
        for (int i = 0; i < count(300); i++) {
            Files.createDirectories(root.resolve(pick(directories)).resolve("empty-" + i));
        }
        symlinks(directories);
    }

    private void generateSmallFiles() throws IOException {
        Files.createDirectories(root);
        text(".dockerignore", """
                target
                **/*.log
                """);
        text("Dockerfile", """
                FROM eclipse-temurin:17-jre
                COPY m000/ /app/m000/
                COPY m0*/p00/*.txt /app/first/
                COPY . /src
                RUN echo built
                """);
        long perPackage = Math.max(1, smallFiles / 10_000);
        for (long i = 0; files < smallFiles; i++) {
            String dir =
                    String.format(Locale.ROOT, "m%03d/p%02d", (i / perPackage / 100) % 100, (i / perPackage) % 100);
            String name = String.format(Locale.ROOT, "%s/F%07d.%s", dir, i, i % 50 == 0 ? "log" : "txt");
            int size = random.nextInt(4) == 0 ? 1 + random.nextInt(256) : 0;
            write(name, prose(size).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A package tree of the given number of files, 1 to 5 levels below {@code base}. */
    private void sourceTree(String base, int fileCount, String suffix, List<String> directories) throws IOException {
        int written = 0;
        while (written < fileCount) {
            StringBuilder dir = new StringBuilder(base);
            int depth = 1 + random.nextInt(5);
            for (int level = 0; level < depth; level++) {
                dir.append('/').append(pick(WORDS));
            }
            directories.add(dir.toString());
            int inPackage = Math.min(fileCount - written, 5 + random.nextInt(40));
            for (int i = 0; i < inPackage; i++) {
                // the running file count keeps names unique when a package path comes up twice
                String name = capitalize(pick(WORDS)) + capitalize(pick(WORDS)) + files + suffix;
                text(dir + "/" + name, source((int) logUniform(200, 16 * 1024)));
            }
            written += inPackage;
        }
    }

    /** Links to files, to directories, absolute ones and dangling ones, as real trees have. */
    private void symlinks(List<String> directories) throws IOException {
        for (int i = 0; i < count(300); i++) {
            Path link = root.resolve(pick(directories)).resolve("link-" + i);
            Path target = switch (i % 4) {
                case 0 -> Path.of("../README.md");
                case 1 -> Path.of("..");
                case 2 -> Path.of("/etc/hostname");
                default -> Path.of("missing-" + i);
            };
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, target);
        }
    }

    private void text(String relative, String content) throws IOException {
        write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String relative, byte[] content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        files++;
        bytes += content.length;
    }

    /** Random bytes, written in chunks so that large files never sit in memory. */
    private void binary(String relative, long size) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        byte[] chunk = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                fill(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        files++;
        bytes += size;
    }

    private void fill(byte[] chunk) {
        for (int i = 0; i < chunk.length; i += 8) {
            long value = random.nextLong();
            for (int b = 0; b < 8; b++) {
                chunk[i + b] = (byte) (value >>> (8 * b));
            }
        }
    }

    private String source(int size) {
        StringBuilder text = new StringBuilder(size + 16);
        text.append("package com.example;\n\n");
        while (text.length() < size) {
            text.append(pick(CODE)).append(random.nextInt(12) == 0 ? "\n    " : " ");
        }
        text.setLength(size);
        return text.toString();
    }

    private String prose(int size) {
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            text.append(pick(WORDS)).append(random.nextInt(10) == 0 ? "\n" : " ");
        }
        text.setLength(size);
        return text.toString();
    }

    /** Sizes spread evenly over orders of magnitude, like real files. */
    private long logUniform(long min, long max) {
        return Math.round(Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min))));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
