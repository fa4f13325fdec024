package io.github.dockercache.differential;

import com.google.gson.annotations.SerializedName;
import io.github.dockercache.testing.SpringBootJar;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One edit of a scenario's context, as written in {@code scenario.json}, e.g.
 * {@code {"op": "chmod", "path": "a.txt", "mode": "0755"}}. Paths are relative to the context directory.
 *
 * @param op what to do
 * @param path the entry to change ({@code replace}: default {@code Dockerfile}); {@code pushImage}: the image
 *     config's {@code WorkingDir} (default none)
 * @param content {@code write}, {@code append}: the text to write; {@code xattr}: the attribute's value;
 *     {@code acl}: the entries {@code setfacl -m} adds ({@code u:nobody:r})
 * @param mode {@code chmod}: octal permission bits; {@code mkfifo}, {@code socket}, {@code mknod}: the new entry's
 *     permission bits (default 0644)
 * @param target {@code symlink}: where the link points, stored as given; {@code hardlink}: the existing file the new
 *     name links to, relative to the context; {@code mknod}: the character device's {@code major:minor}
 * @param find {@code replace}: the text to replace; it must occur; {@code replaceBytes}: the same as bytes
 * @param replacement {@code replace}: what replaces every occurrence; {@code replaceBytes}: the same as bytes
 * @param name {@code xattr}: the attribute's name in the {@code user.} namespace, without that prefix;
 *     {@code gitCommit}: the file to commit; {@code pushImage}: the value of the image config's {@code MARKER}
 *     variable (default empty)
 * @param root where {@code path} is: {@code context} (the default), {@code served}, the scenario's directory on
 *     the loopback web server ({@link ServedFiles}), for {@code ADD <url>} and git sources, or {@code project}, a real
 *     project's copy around its context (a Dockerfile kept outside the context)
 * @param time {@code springBootJar}: the time of every entry, an ISO instant (default 2024-01-01T00:00:00Z)
 * @param from {@code copy}: the file or directory to copy, relative to the directory of the definition (scenario or
 *     project)
 * @param extra {@code pushImage}: the content of a second file, {@code /extra}, in the image's layer (default none),
 *     to push an image with other layers and the same {@code /marker}
 */
record Change(
        Op op,
        String path,
        String content,
        String mode,
        String target,
        String find,
        String replacement,
        String name,
        String root,
        String time,
        String from,
        String extra) {

    enum Op {
        /** Creates or overwrites a file (a new one gets mode 0644). */
        @SerializedName("write")
        WRITE,
        @SerializedName("append")
        APPEND,
        @SerializedName("chmod")
        CHMOD,
        /** Moves the modification time one hour on; nothing else changes. */
        @SerializedName("touch")
        TOUCH,
        /** Deletes a file, link or directory tree. */
        @SerializedName("delete")
        DELETE,
        /** Creates a directory and its parents with mode 0755. */
        @SerializedName("mkdir")
        MKDIR,
        /** Creates a symbolic link, or points an existing one elsewhere. */
        @SerializedName("symlink")
        SYMLINK,
        /** Replaces text in a file, usually the Dockerfile. */
        @SerializedName("replace")
        REPLACE,
        /**
         * Replaces bytes in a file that need not be UTF-8: each character of {@code find} and {@code replacement}
         * (U+0000 to U+00FF) is one byte, so {@code "\u00ff"} is the byte 0xFF.
         */
        @SerializedName("replaceBytes")
        REPLACE_BYTES,
        /** Sets a {@code user.*} extended attribute. */
        @SerializedName("xattr")
        XATTR,
        /** Adds POSIX ACL entries with {@code setfacl -m} (package acl). */
        @SerializedName("acl")
        ACL,
        /** Creates a named pipe, replacing what is there. */
        @SerializedName("mkfifo")
        MKFIFO,
        /** Creates a unix socket file (bound, then closed: the file stays), replacing what is there. */
        @SerializedName("socket")
        SOCKET,
        /** Creates a character device ({@code mknod}, needs root), replacing what is there. */
        @SerializedName("mknod")
        MKNOD,
        /** Gives the existing file {@code target} the second name {@code path}, replacing what is there. */
        @SerializedName("hardlink")
        HARDLINK,
        /**
         * Commits one file ({@code name}, {@code content}) on {@code main} of the bare repository {@code path},
         * created if missing, with fixed dates so that commit ids are the same on every run.
         */
        @SerializedName("gitCommit")
        GIT_COMMIT,
        /**
         * Pushes to the loopback registry ({@code scripts/registry.sh}) an image {@code target}
         * ({@code repository:tag}) whose one layer holds {@code /marker} with {@code content} (and {@code /extra}
         * with {@code extra}, if given); the same fields give the same digest on every run.
         */
        @SerializedName("pushImage")
        PUSH_IMAGE,
        /**
         * Writes {@code path} as a Spring Boot executable jar ({@link SpringBootJar}) whose entries are the files under
         * the context directory {@code target} ({@code X.class.txt} as {@code X.class}), with the generated manifest
         * and indexes unless the tree has its own.
         */
        @SerializedName("springBootJar")
        SPRING_BOOT_JAR,
        /**
         * Copies a file kept beside the definition ({@code from}) over {@code path}, or every file of a directory
         * there into {@code path} (default: the root), keeping the mode each replaced file has (a new one gets
         * 0644): build outputs such as jars that differ in their bytes.
         */
        @SerializedName("copy")
        COPY
    }

    /** Where a change's {@code path} is. */
    enum Root {
        CONTEXT,
        SERVED,
        PROJECT
    }

    /** A change to the context. */
    Change(
            Op op,
            String path,
            String content,
            String mode,
            String target,
            String find,
            String replacement,
            String name) {
        this(op, path, content, mode, target, find, replacement, name, null, null, null, null);
    }

    static final Set<PosixFilePermission> FILE_MODE = permissions("0644");
    static final Set<PosixFilePermission> DIRECTORY_MODE = permissions("0755");

    /** Where {@link #path()} is. */
    Root where() {
        return switch (root == null ? "context" : root) {
            case "context" -> Root.CONTEXT;
            case "served" -> Root.SERVED;
            case "project" -> Root.PROJECT;
            default ->
                throw new IllegalArgumentException(
                        "\"root\" is \"context\", \"served\" or \"project\", not \"" + root + "\": " + this);
        };
    }

    /** Applies the change under {@code contextDir}, the directory {@link #where()} names. */
    void apply(Path contextDir) throws IOException {
        apply(contextDir, null);
    }

    /** As {@link #apply(Path)}; {@code definitionDir} holds the files {@code copy} reads. */
    void apply(Path contextDir, Path definitionDir) throws IOException {
        if (op == null) {
            throw new IllegalArgumentException("change without \"op\": " + this);
        }
        if (op == Op.PUSH_IMAGE) {
            RegistryImages.push(
                    required(target, "target"),
                    required(content, "content"),
                    extra,
                    name == null ? "" : name,
                    path == null ? "" : path);
            return;
        }
        if (op == Op.COPY) {
            copy(contextDir, definitionDir);
            return;
        }
        Path entry = entry(contextDir);
        switch (op) {
            case WRITE -> {
                boolean created = !Files.exists(entry, LinkOption.NOFOLLOW_LINKS);
                createDirectories(contextDir, entry.getParent());
                Files.writeString(entry, required(content, "content"), StandardCharsets.UTF_8);
                if (created) {
                    Files.setPosixFilePermissions(entry, FILE_MODE);
                }
            }
            case APPEND ->
                Files.writeString(
                        entry, required(content, "content"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            case CHMOD -> Files.setPosixFilePermissions(entry, permissions(required(mode, "mode")));
            case TOUCH ->
                Files.setLastModifiedTime(
                        entry,
                        FileTime.fromMillis(Files.getLastModifiedTime(entry).toMillis() + 3_600_000));
            case DELETE -> FileTrees.delete(entry);
            case MKDIR -> createDirectories(contextDir, entry);
            case SYMLINK -> {
                Files.deleteIfExists(entry);
                createDirectories(contextDir, entry.getParent());
                Files.createSymbolicLink(entry, Path.of(required(target, "target")));
            }
            case REPLACE -> replace(entry, StandardCharsets.UTF_8);
            case REPLACE_BYTES -> replace(entry, StandardCharsets.ISO_8859_1);
            case XATTR ->
                Files.getFileAttributeView(entry, UserDefinedFileAttributeView.class)
                        .write(required(name, "name"), StandardCharsets.UTF_8.encode(required(content, "content")));
            case ACL -> Commands.run("setfacl", "-m", required(content, "content"), entry.toString());
            case MKFIFO -> special(contextDir, entry, () -> Commands.run("mkfifo", entry.toString()));
            case SOCKET ->
                special(contextDir, entry, () -> {
                    try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                        socket.bind(UnixDomainSocketAddress.of(entry));
                    }
                });
            case MKNOD -> {
                String[] device = required(target, "target").split(":", -1);
                if (device.length != 2) {
                    throw new IllegalArgumentException("\"mknod\" needs \"target\" as major:minor: " + this);
                }
                special(contextDir, entry, () -> Commands.run("mknod", entry.toString(), "c", device[0], device[1]));
            }
            case HARDLINK -> {
                Path existing = contextDir.resolve(required(target, "target")).normalize();
                special(contextDir, entry, () -> Files.createLink(entry, existing));
            }
            case GIT_COMMIT -> GitRepositories.commit(entry, required(name, "name"), required(content, "content"));
            case SPRING_BOOT_JAR ->
                SpringBootJar.fromTree(contextDir.resolve(required(target, "target")))
                        .time(time == null ? SpringBootJar.DEFAULT_TIME : Instant.parse(time))
                        .writeTo(entry);
            case PUSH_IMAGE, COPY -> throw new AssertionError("handled above");
        }
    }

    /** Replaces every occurrence of {@code find} in the file, reading and writing it in {@code charset}. */
    private void replace(Path entry, Charset charset) throws IOException {
        String text = Files.readString(entry, charset);
        String searched = required(find, "find");
        if (!text.contains(searched)) {
            throw new IllegalArgumentException("\"" + searched + "\" does not occur in " + path);
        }
        Files.writeString(entry, text.replace(searched, required(replacement, "replacement")), charset);
    }

    private interface Creation {
        void create() throws IOException;
    }

    /** Replaces {@code entry} with what {@code creation} makes, then gives it {@code mode} (default 0644). */
    private void special(Path contextDir, Path entry, Creation creation) throws IOException {
        FileTrees.delete(entry);
        createDirectories(contextDir, entry.getParent());
        creation.create();
        Files.setPosixFilePermissions(entry, permissions(mode == null ? "0644" : mode));
    }

    private void copy(Path contextDir, Path definitionDir) throws IOException {
        if (definitionDir == null) {
            throw new IllegalArgumentException("\"copy\" needs the definition's directory: " + this);
        }
        Path source = definitionDir.resolve(required(from, "from")).normalize();
        if (!source.startsWith(definitionDir) || !Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("\"from\" must name a file or directory beside the definition: " + from);
        }
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            copyFile(contextDir, source, entry(contextDir));
            return;
        }
        Path target = path == null ? contextDir : entry(contextDir);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                copyFile(
                        contextDir, file, target.resolve(source.relativize(file).toString()));
            }
        }
    }

    private static void copyFile(Path contextDir, Path source, Path entry) throws IOException {
        boolean created = !Files.exists(entry, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> mode = created ? FILE_MODE : Files.getPosixFilePermissions(entry);
        createDirectories(contextDir, entry.getParent());
        Files.copy(source, entry, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(entry, mode);
    }

    private Path entry(Path contextDir) {
        String relative = path != null ? path : op == Op.REPLACE || op == Op.REPLACE_BYTES ? "Dockerfile" : null;
        Path entry = contextDir.resolve(required(relative, "path")).normalize();
        if (!entry.startsWith(contextDir) || entry.equals(contextDir)) {
            throw new IllegalArgumentException("path must name an entry inside the context: " + relative);
        }
        return entry;
    }

    private String required(String value, String field) {
        if (value == null) {
            String opName = op.name().toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException("\"" + opName + "\" needs \"" + field + "\": " + this);
        }
        return value;
    }

    /** Creates {@code directory} and its missing parents with mode 0755, whatever the umask. */
    private static void createDirectories(Path contextDir, Path directory) throws IOException {
        if (directory.equals(contextDir) || Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createDirectories(contextDir, directory.getParent());
        Files.createDirectory(directory);
        Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
    }

    static Set<PosixFilePermission> permissions(String octal) {
        int bits = Integer.parseInt(octal, 8);
        if (bits > 0777) {
            throw new IllegalArgumentException("only permission bits (at most 0777) can be set: " + octal);
        }
        PosixFilePermission[] byBit = PosixFilePermission.values(); // OWNER_READ (0400) ... OTHERS_EXECUTE (0001)
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < byBit.length; i++) {
            if ((bits & (0400 >> i)) != 0) {
                permissions.add(byBit[i]);
            }
        }
        return permissions;
    }
}
