package io.github.dockercache.differential;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One edit of a scenario's context, as written in {@code scenario.json}, e.g.
 * {@code {"op": "chmod", "path": "a.txt", "mode": "0755"}}. Paths are relative to the context directory.
 *
 * @param op what to do
 * @param path the entry to change ({@code replace}: default {@code Dockerfile}); {@code pushImage}: the image
 *     config's {@code WorkingDir} (default none)
 * @param content {@code write}, {@code append}: the text to write; {@code xattr}: the attribute's value
 * @param mode {@code chmod}: octal permission bits
 * @param target {@code symlink}: where the link points, stored as given
 * @param find {@code replace}: the text to replace; it must occur
 * @param replacement {@code replace}: what replaces every occurrence
 * @param name {@code xattr}: the attribute's name in the {@code user.} namespace, without that prefix;
 *     {@code gitCommit}: the file to commit; {@code pushImage}: the value of the image config's {@code MARKER}
 *     variable (default empty)
 * @param root where {@code path} is: {@code context} (the default) or {@code served}, the scenario's directory on
 *     the loopback web server ({@link ServedFiles}), for {@code ADD <url>} and git sources
 * @param extra {@code pushImage}: the content of a second file, {@code /extra}, in the image's layer (default none),
 *     to push an image with other layers and the same {@code /marker}
 */
record Change(
        Op op, String path, String content, String mode, String target, String find, String replacement, String name,
        String root, String extra) {

    enum Op {
        /** Creates or overwrites a file (a new one gets mode 0644). */
        @SerializedName("write") WRITE,
        @SerializedName("append") APPEND,
        @SerializedName("chmod") CHMOD,
        /** Moves the modification time one hour on; nothing else changes. */
        @SerializedName("touch") TOUCH,
        /** Deletes a file, link or directory tree. */
        @SerializedName("delete") DELETE,
        /** Creates a directory and its parents with mode 0755. */
        @SerializedName("mkdir") MKDIR,
        /** Creates a symbolic link, or points an existing one elsewhere. */
        @SerializedName("symlink") SYMLINK,
        /** Replaces text in a file, usually the Dockerfile. */
        @SerializedName("replace") REPLACE,
        /** Sets a {@code user.*} extended attribute. */
        @SerializedName("xattr") XATTR,
        /**
         * Commits one file ({@code name}, {@code content}) on {@code main} of the bare repository {@code path},
         * created if missing, with fixed dates so that commit ids are the same on every run.
         */
        @SerializedName("gitCommit") GIT_COMMIT,
        /**
         * Pushes to the loopback registry ({@code scripts/registry.sh}) an image {@code target}
         * ({@code repository:tag}) whose one layer holds {@code /marker} with {@code content} (and {@code /extra}
         * with {@code extra}, if given); the same fields give the same digest on every run.
         */
        @SerializedName("pushImage") PUSH_IMAGE
    }

    /** A change to the context. */
    Change(Op op, String path, String content, String mode, String target, String find, String replacement,
            String name) {
        this(op, path, content, mode, target, find, replacement, name, null, null);
    }

    static final Set<PosixFilePermission> FILE_MODE = permissions("0644");
    static final Set<PosixFilePermission> DIRECTORY_MODE = permissions("0755");

    /** True when the change is to the scenario's served directory rather than its context. */
    boolean served() {
        if (root != null && !root.equals("context") && !root.equals("served")) {
            throw new IllegalArgumentException("\"root\" is \"context\" or \"served\", not \"" + root + "\": " + this);
        }
        return "served".equals(root);
    }

    /** Applies the change under {@code contextDir}, the context or served directory as {@link #served()} says. */
    void apply(Path contextDir) throws IOException {
        if (op == null) {
            throw new IllegalArgumentException("change without \"op\": " + this);
        }
        if (op == Op.PUSH_IMAGE) {
            RegistryImages.push(required(target, "target"), required(content, "content"), extra, name == null ? "" : name,
                    path == null ? "" : path);
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
            case APPEND -> Files.writeString(
                    entry, required(content, "content"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            case CHMOD -> Files.setPosixFilePermissions(entry, permissions(required(mode, "mode")));
            case TOUCH -> Files.setLastModifiedTime(
                    entry, FileTime.fromMillis(Files.getLastModifiedTime(entry).toMillis() + 3_600_000));
            case DELETE -> FileTrees.delete(entry);
            case MKDIR -> createDirectories(contextDir, entry);
            case SYMLINK -> {
                Files.deleteIfExists(entry);
                createDirectories(contextDir, entry.getParent());
                Files.createSymbolicLink(entry, Path.of(required(target, "target")));
            }
            case REPLACE -> {
                String text = Files.readString(entry, StandardCharsets.UTF_8);
                String searched = required(find, "find");
                if (!text.contains(searched)) {
                    throw new IllegalArgumentException("\"" + searched + "\" does not occur in " + path);
                }
                Files.writeString(entry, text.replace(searched, required(replacement, "replacement")));
            }
            case XATTR -> Files.getFileAttributeView(entry, UserDefinedFileAttributeView.class)
                    .write(required(name, "name"), StandardCharsets.UTF_8.encode(required(content, "content")));
            case GIT_COMMIT -> GitRepositories.commit(entry, required(name, "name"), required(content, "content"));
            case PUSH_IMAGE -> throw new AssertionError("handled above");
        }
    }

    private Path entry(Path contextDir) {
        String relative = path != null ? path : op == Op.REPLACE ? "Dockerfile" : null;
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
