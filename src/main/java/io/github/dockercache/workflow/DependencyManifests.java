package io.github.dockercache.workflow;

import io.github.dockercache.compare.PathPatterns;
import io.github.dockercache.context.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The digests of the dependency manifests at the top of a build context (pom.xml, build.gradle, package-lock.json...):
 * what stands for the project's dependencies where no build tool lists them. They are read whether or not
 * .dockerignore sends them, since they describe the dependencies the image's files come from, not what BuildKit sees.
 */
final class DependencyManifests {
    private DependencyManifests() {}

    /** Manifest file name to {@code sha256:} digest; a file that cannot be read is left out. */
    static SortedMap<String, String> digests(Path contextDir, PathPatterns manifests) {
        SortedMap<String, String> digests = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(contextDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (manifests.matches(name) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    digest(entry).ifPresent(digest -> digests.put(name, digest));
                }
            }
        } catch (IOException e) {
            return digests; // an unreadable context fails the analysis itself, with its own message
        }
        return digests;
    }

    private static Optional<String> digest(Path file) {
        MessageDigest sha = Digests.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
            return Optional.of(Digests.format(sha.digest()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
