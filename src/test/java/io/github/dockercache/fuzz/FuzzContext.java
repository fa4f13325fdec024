package io.github.dockercache.fuzz;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A build made from a fuzz input, written into a directory that is kept from one input to the next: only what
 * changed is written again, since creating a whole tree for every input would cost more than analysing it.
 *
 * <p>Input fields, NUL-separated:
 * <ol>
 *   <li>the Dockerfile, as bytes;</li>
 *   <li>the settings, one per line: {@code NAME=value} (a build argument; {@code NAME} alone is empty),
 *       {@code @target=STAGE}, {@code @classic} (the legacy builder), {@code @windows} or {@code @macos} (the
 *       client), {@code @buildkit=0.13} (the release whose rules apply), {@code @network=none};</li>
 *   <li>then one entry each: a header line {@code <type><mode> <path>} and what follows it, where type is
 *       {@code f} (a file; the rest is its content), {@code d} (a directory), {@code l} (a symlink; the rest is
 *       its target, which may point anywhere) or {@code h} (a hard link; the rest names an earlier file), and mode
 *       is octal permission bits ({@code f644 src/App.java}); a path's missing parent directories are made 0755.
 *       {@code .dockerignore} is an entry like any other. Entries that cannot be made (a path under a file, the
 *       Dockerfile's own path, a name the file system refuses) are left out.</li>
 * </ol>
 */
final class FuzzContext {
    static final String DOCKERFILE = "Dockerfile";
    private static final int MAX_ENTRIES = 16;
    private static final int MAX_DEPTH = 4;
    /** tmpfs where there is one: the tree is rewritten for nearly every input. */
    private static final Path BASE = base();

    private final Path root;
    private final String realRoot;
    /** What the directory holds besides the Dockerfile, in the order it was made. */
    private Map<String, Entry> written = new LinkedHashMap<>();

    private byte[] dockerfile = new byte[0];

    private FuzzContext(Path root) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath().toString();
    }

    static FuzzContext in(String directory) {
        try {
            return new FuzzContext(Files.createDirectories(BASE.resolve(directory)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry of the context; for a hard link, content is the linked path followed by that file's entry. */
    record Entry(char type, int mode, String content) {}

    /** What an input asks for. */
    record Build(
            byte[] dockerfile,
            Map<String, String> buildArgs,
            String target,
            Builder builder,
            ClientPlatform platform,
            BuildKitVersion buildkitVersion,
            String network,
            Map<String, Entry> entries) {

        static Build of(byte[] input) {
            List<byte[]> fields = FuzzInput.byteFields(input);
            Map<String, String> buildArgs = new LinkedHashMap<>();
            String target = null;
            Builder builder = Builder.BUILDKIT;
            ClientPlatform platform = ClientPlatform.LINUX;
            BuildKitVersion version = BuildKitVersion.NEWEST;
            String network = null;
            String settings = fields.size() > 1 ? new String(fields.get(1), StandardCharsets.UTF_8) : "";
            for (String line : settings.split("\n")) {
                if (line.startsWith("@target=")) {
                    target = line.substring("@target=".length());
                } else if (line.equals("@classic")) {
                    builder = Builder.CLASSIC;
                } else if (line.equals("@windows")) {
                    platform = ClientPlatform.WINDOWS;
                } else if (line.equals("@macos")) {
                    platform = ClientPlatform.MACOS;
                } else if (line.startsWith("@buildkit=")) {
                    try {
                        version = BuildKitVersion.fromSetting(line.substring("@buildkit=".length()));
                    } catch (IllegalArgumentException e) {
                        // the plugin refuses such a setting before analysing: not this harness's business
                    }
                } else if (line.startsWith("@network=")) {
                    network = line.substring("@network=".length());
                } else if (!line.isEmpty()) {
                    int equals = line.indexOf('=');
                    buildArgs.put(
                            equals < 0 ? line : line.substring(0, equals),
                            equals < 0 ? "" : line.substring(equals + 1));
                }
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (int i = 2; i < fields.size() && entries.size() < MAX_ENTRIES; i++) {
                addEntry(entries, fields.get(i));
            }
            return new Build(fields.get(0), buildArgs, target, builder, platform, version, network, entries);
        }

        private static void addEntry(Map<String, Entry> entries, byte[] field) {
            int newline = indexOf(field, (byte) '\n');
            String header = new String(field, 0, newline < 0 ? field.length : newline, StandardCharsets.UTF_8);
            // the rest stays bytes: ISO-8859-1 maps each byte to one char and back
            String rest = newline < 0
                    ? ""
                    : new String(field, newline + 1, field.length - newline - 1, StandardCharsets.ISO_8859_1);
            int space = header.indexOf(' ');
            if (header.isEmpty() || "fdlh".indexOf(header.charAt(0)) < 0 || space < 0) {
                return;
            }
            char type = header.charAt(0);
            String bits = header.substring(1, space);
            int mode = bits.matches("[0-7]{1,4}") ? Integer.parseInt(bits, 8) & 0777 : type == 'd' ? 0755 : 0644;
            String path = normalised(header.substring(space + 1));
            if (path == null
                    || path.equals(DOCKERFILE)
                    || path.startsWith(DOCKERFILE + "/")
                    || !parentsAreDirectories(entries, path)) {
                return;
            }
            Entry existing = entries.get(path);
            if (type == 'h') {
                String linked =
                        normalised(new String(rest.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                Entry file = linked == null ? null : entries.get(linked);
                if (existing == null && file != null && file.type() == 'f') {
                    entries.put(path, new Entry('h', 0, linked + "\n" + file));
                }
            } else if (existing == null || existing.type() == 'd' && type == 'd') {
                entries.put(path, new Entry(type, mode, type == 'd' ? "" : rest));
            }
        }

        /** Relative, without empty, {@code .} or {@code ..} names, at most {@link #MAX_DEPTH} deep; else null. */
        private static String normalised(String path) {
            List<String> names = new ArrayList<>();
            for (String name : path.split("/")) {
                if (!name.isEmpty() && !name.equals(".") && !name.equals("..")) {
                    names.add(name);
                }
            }
            return names.isEmpty() || names.size() > MAX_DEPTH ? null : String.join("/", names);
        }

        /** Adds the missing parents as 0755 directories; false when one of them is something else. */
        private static boolean parentsAreDirectories(Map<String, Entry> entries, String path) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                Entry parent = entries.computeIfAbsent(path.substring(0, slash), p -> new Entry('d', 0755, ""));
                if (parent.type() != 'd') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Makes the directory hold exactly the build's Dockerfile and entries, rewriting only what changed. */
    void write(Build build) throws IOException {
        if (!Arrays.equals(dockerfile, build.dockerfile())) {
            Files.write(root.resolve(DOCKERFILE), build.dockerfile());
            dockerfile = build.dockerfile();
        }
        List<String> stale = new ArrayList<>();
        written.forEach((path, entry) -> {
            Entry wanted = build.entries().get(path);
            // a file or directory that stays one is updated where it is
            boolean inPlace = wanted != null && wanted.type() == entry.type() && "fd".indexOf(entry.type()) >= 0;
            if (!entry.equals(wanted) && !inPlace) {
                stale.add(path);
            }
        });
        // deepest first, so that a directory is empty when its turn comes
        stale.sort(Comparator.comparing((String path) -> path.split("/").length).reversed());
        for (String path : stale) {
            deleteTree(root.resolve(path));
            written.remove(path);
        }
        Map<String, Entry> now = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> wanted : build.entries().entrySet()) {
            String path = wanted.getKey();
            Entry entry = wanted.getValue();
            if (!written.containsKey(path) || !written.get(path).equals(entry)) {
                boolean made;
                try {
                    made = make(root.resolve(path), entry);
                } catch (InvalidPathException e) {
                    made = false;
                }
                if (!made) {
                    continue;
                }
            }
            now.put(path, entry);
        }
        written = now;
    }

    /** Makes or updates one entry whose parents exist; false when the file system refuses it. */
    private boolean make(Path path, Entry entry) throws IOException {
        try {
            switch (entry.type()) {
                case 'f' -> Files.write(path, entry.content().getBytes(StandardCharsets.ISO_8859_1));
                case 'd' -> {
                    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectory(path);
                    }
                }
                case 'l' -> Files.createSymbolicLink(path, Path.of(entry.content()));
                case 'h' ->
                    Files.createLink(
                            path,
                            root.resolve(
                                    entry.content().substring(0, entry.content().indexOf('\n'))));
                default -> throw new IllegalArgumentException("entry type " + entry.type());
            }
            if (entry.type() == 'f' || entry.type() == 'd') {
                Files.setPosixFilePermissions(path, permissions(entry.mode()));
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("the directory holds what it was not told to: " + path, e);
        } catch (IOException e) {
            // a name too long, a symlink target the system refuses: the build goes without that entry
            try {
                Files.deleteIfExists(path);
            } catch (IOException neverMade) {
                // a name too long for the file system cannot be looked up either
            }
            return false;
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ first: bit 8
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    BuildSettings settings(Build build) {
        return new BuildSettings(
                root,
                root.resolve(DOCKERFILE),
                build.buildArgs(),
                build.target(),
                build.platform(),
                build.network(),
                build.builder(),
                build.buildkitVersion());
    }

    /** A snapshot as JSON or a failure's message, with this directory's name replaced, to compare with another's. */
    String relative(Object result) {
        String text = result instanceof Snapshot snapshot ? SnapshotStore.toJson(snapshot) : (String) result;
        return text.replace(realRoot, "<context>").replace(root.toString(), "<context>");
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(path);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static Path base() {
        Path shm = Path.of("/dev/shm");
        try {
            Path base = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "dockercache-fuzz-model")
                    : Files.createTempDirectory("dockercache-fuzz-model");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deleteTree(base);
                } catch (IOException e) {
                    // a temporary directory left behind
                }
            }));
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
