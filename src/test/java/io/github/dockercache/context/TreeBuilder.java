package io.github.dockercache.context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Builds real context trees in a temporary directory with explicit modes (the umask must not matter). */
final class TreeBuilder {
    private final Path root;

    TreeBuilder(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    TreeBuilder file(String path, String content) {
        return file(path, content, "rw-r--r--");
    }

    TreeBuilder file(String path, String content, String perms) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.write(p, content.getBytes(StandardCharsets.UTF_8));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TreeBuilder dir(String path) {
        return dir(path, "rwxr-xr-x");
    }

    TreeBuilder dir(String path, String perms) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TreeBuilder symlink(String path, String target) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BuildContext scan() throws Exception {
        return BuildContext.scan(root, root.resolve("Dockerfile"), ClientPlatform.LINUX);
    }
}
