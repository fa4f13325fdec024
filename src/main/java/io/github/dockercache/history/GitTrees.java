package io.github.dockercache.history;

import io.github.dockercache.context.ContextException;
import io.github.dockercache.context.ContextSource;
import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.KeyOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The trees and blobs of one repository, each read once per object id for the whole run: a subtree that no commit of
 * the range changed is listed once, and a file that none changed is hashed once (through {@link
 * io.github.dockercache.context.ContentDigests}). Not thread-safe, like the JGit reader it wraps.
 *
 * <p>Git records only a file's executable bit and whether it is a symlink: a checkout under the usual umask 022 gives
 * files 0644 or 0755, directories 0755 and symlinks 0777, and those are the modes used. A submodule (gitlink) is the
 * empty directory a checkout without {@code --recurse-submodules} leaves.
 */
final class GitTrees {
    /** One child of a tree, in the order the client walks a directory (byte order of names). */
    record Child(String name, ObjectId id, ContextSource.Entry entry) {
        boolean directory() {
            return entry.type() == EntryType.DIRECTORY;
        }
    }

    private final ObjectReader reader;
    private final Map<ObjectId, List<Child>> listings = new HashMap<>();
    private long treesRead;

    GitTrees(ObjectReader reader) {
        this.reader = reader;
    }

    /** How many distinct trees were listed so far. */
    long treesRead() {
        return treesRead;
    }

    /** A tree's children, by name in byte order. */
    List<Child> children(ObjectId tree) throws ContextException {
        List<Child> known = listings.get(tree);
        if (known != null) {
            return known;
        }
        List<Child> children = new ArrayList<>();
        try {
            CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
            while (!parser.eof()) {
                children.add(child(parser.getEntryPathString(), parser.getEntryFileMode(), parser.getEntryObjectId()));
                parser.next();
            }
        } catch (IOException e) {
            throw new ContextException("cannot read git tree " + tree.name() + ": " + e.getMessage(), e);
        }
        children.sort((a, b) -> KeyOrder.NAMES.compare(a.name(), b.name())); // git sorts a directory as "name/"
        List<Child> listing = List.copyOf(children);
        listings.put(tree, listing);
        treesRead++;
        return listing;
    }

    /** The object at a {@code /}-separated path below a tree, or null; the empty path is the tree itself. */
    Child find(ObjectId tree, String path) throws ContextException {
        Child found = new Child("", tree, new ContextSource.Entry(EntryType.DIRECTORY, 0755, 0, null, null, null));
        for (String part : path.isEmpty() ? new String[0] : path.split("/")) {
            if (!found.directory() || found.id() == null) {
                return null;
            }
            found = children(found.id()).stream()
                    .filter(c -> c.name().equals(part))
                    .findFirst()
                    .orElse(null);
            if (found == null) {
                return null;
            }
        }
        return found;
    }

    /** A blob's bytes, for small files: a Dockerfile, an ignore file. */
    byte[] bytes(ObjectId blob, long limit) throws IOException {
        try {
            return reader.open(blob, Constants.OBJ_BLOB).getCachedBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
        } catch (LargeObjectException e) {
            throw new IOException("it is larger than " + limit + " bytes (docs/limits.md)", e);
        }
    }

    private Child child(String name, FileMode mode, ObjectId id) throws IOException {
        ObjectId copy = id.copy();
        int type = mode.getObjectType();
        if (mode == FileMode.TREE) {
            return new Child(name, copy, new ContextSource.Entry(EntryType.DIRECTORY, 0755, 0, null, null, null));
        } else if (mode == FileMode.GITLINK || type != Constants.OBJ_BLOB) {
            return new Child(name, null, new ContextSource.Entry(EntryType.DIRECTORY, 0755, 0, null, null, null));
        } else if (mode == FileMode.SYMLINK) {
            String target = new String(bytes(copy, 4096), StandardCharsets.UTF_8);
            return new Child(name, copy, new ContextSource.Entry(EntryType.SYMLINK, 0777, 0, target, null, null));
        }
        int permissions = mode == FileMode.EXECUTABLE_FILE ? 0755 : 0644;
        long size = reader.getObjectSize(copy, Constants.OBJ_BLOB);
        return new Child(
                name,
                copy,
                new ContextSource.Entry(
                        EntryType.FILE,
                        permissions,
                        size,
                        null,
                        copy.name(),
                        () -> reader.open(copy, Constants.OBJ_BLOB).openStream()));
    }
}
