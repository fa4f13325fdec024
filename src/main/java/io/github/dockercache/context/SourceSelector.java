package io.github.dockercache.context;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What one COPY/ADD source selects from the context and its checksum, as BuildKit's content-hash
 * {@code Checksum} computes it (cache-model §3.4): a plain path is resolved (symlinks followed) and hashed as a
 * whole; a wildcard or filtered source becomes a flat list of kept directory headers and files.
 */
final class SourceSelector {
    private final ContextTree tree;
    private final EntryTable table;
    private final Path root;

    SourceSelector(ContextTree tree, Path root) {
        this.tree = tree;
        this.table = tree.table();
        this.root = root;
    }

    /**
     * One content-hash record: a file, link, device or directory header, by absolute key path; {@code entry} is
     * its table index, -1 for the root directory's header.
     */
    private record Record(String path, boolean header, int entry) {
        /** The radix-tree key with {@code /} for the zero byte; headers end with it. */
        String key() {
            return header ? path + "/" : path;
        }
    }

    /** The records are the root's header, then one per entry in key order; made as they are read. */
    private int recordCount() {
        return table.size() + 1;
    }

    private Record record(int index) {
        if (index == 0) {
            return new Record("", true, -1);
        }
        int entry = index - 1;
        return new Record("/" + table.path(entry), table.type(entry) == EntryType.DIRECTORY, entry);
    }

    /** A record the selection keeps, with the path as the source spells it. */
    private static final class Included {
        final String path;
        final boolean followLinks;
        final Record record;
        boolean[] includeInfo;
        boolean[] excludeInfo;
        boolean included;

        Included(String path, boolean followLinks, Record record) {
            this.path = path;
            this.followLinks = followLinks;
            this.record = record;
        }
    }

    Selection select(String source, List<String> includes, List<String> excludes, boolean allowWildcard)
            throws ContextException {
        String p = ContextTree.keyPath(source);
        boolean wildcard = allowWildcard && GoPath.containsWildcards(source);
        boolean filtered = includes != null && !includes.isEmpty() || excludes != null && !excludes.isEmpty();
        if (!wildcard && !filtered) {
            return exact(source, p);
        }
        PatternMatcher include = matcher(includes, "include");
        PatternMatcher exclude = matcher(excludes, "--exclude");
        if (!wildcard && !tree.exists(tree.resolve(p, true))) {
            // BuildKit would hash nothing here and fail when copying; report the missing source now.
            throw notFound(source, p);
        }
        return summarize(source, p, includedPaths(source, p, wildcard, include, exclude));
    }

    private Selection exact(String source, String p) throws ContextException {
        String resolved = tree.resolve(p, true);
        if (!tree.exists(resolved)) {
            throw notFound(source, p);
        }
        if (tree.isDirectory(resolved)) {
            return new Selection(source, tree.contentDigest(resolved), tree.subtree(resolved));
        }
        FileEntry entry = tree.lookup(resolved);
        return new Selection(source, entry.digest(), List.of(entry));
    }

    /** BuildKit's {@code includedPaths}: walks the records from the source prefix in key order. */
    /** The kept records and the literal source prefix their checksum keys are relative to. */
    private record Walk(String origPrefix, List<Included> kept) {}

    private Walk includedPaths(
            String source, String p, boolean wildcard, PatternMatcher include, PatternMatcher exclude)
            throws ContextException {
        String origPrefix;
        String resolvedPrefix = "";
        int start = 0;
        Record first = null;
        if (wildcard) {
            String[] split = splitWildcards(p);
            origPrefix = split[0].equals("/") ? "" : split[0];
            if (!origPrefix.isEmpty()) {
                resolvedPrefix = tree.resolve(origPrefix, !split[1].isEmpty());
            }
        } else {
            origPrefix = p;
            resolvedPrefix = origPrefix.isEmpty() ? "" : tree.resolve(p, false);
        }
        if (!origPrefix.isEmpty()) {
            if (!tree.exists(resolvedPrefix)) {
                return new Walk(origPrefix, List.of());
            }
            int prefixEntry = tree.indexOf(resolvedPrefix);
            if (prefixEntry >= 0 && table.type(prefixEntry) != EntryType.DIRECTORY) {
                first = new Record(resolvedPrefix, false, prefixEntry);
            }
            start = lowerBound(resolvedPrefix + "/");
        }

        List<Included> included = new ArrayList<>();
        List<Included> parents = new ArrayList<>();
        String lastMatchedDir = "";
        for (int i = first == null ? start : start - 1; i < recordCount(); i++) {
            Record record = i < start ? first : record(i);
            String fn = record.header() ? record.path() + "/" : record.path();
            if (fn.startsWith(resolvedPrefix)) {
                fn = origPrefix + fn.substring(resolvedPrefix.length());
            }
            while (!parents.isEmpty() && !fn.startsWith(parents.get(parents.size() - 1).path + "/")) {
                parents.remove(parents.size() - 1);
            }
            Included parent = parents.isEmpty() ? null : parents.get(parents.size() - 1);
            if (record.header()) {
                fn = fn.substring(0, fn.length() - 1);
            }
            Included candidate = new Included(fn, parent == null, record);
            String relative;
            if (wildcard) {
                if (lastMatchedDir.isEmpty() || !fn.startsWith(lastMatchedDir + "/")) {
                    if (!wildcardMatches(source, p, fn)) {
                        continue;
                    }
                    lastMatchedDir = fn;
                }
                relative = relativeTo(fn, lastMatchedDir);
            } else {
                if (!(fn + "/").startsWith(p + "/")) {
                    break;
                }
                relative = relativeTo(fn, p);
            }
            boolean keep = shouldInclude(relative, include, exclude, candidate, parent);
            if (!keep && !record.header()) {
                continue;
            }
            if (keep) {
                for (Included dir : parents) {
                    if (!dir.included) {
                        dir.included = true;
                        included.add(dir);
                    }
                }
                candidate.included = true;
                included.add(candidate);
            }
            if (record.header()) {
                parents.add(candidate); // kept or not, an include or exception may match below it
            }
        }
        return new Walk(origPrefix, included);
    }

    private Selection summarize(String source, String p, Walk walk) throws ContextException {
        List<Included> kept = walk.kept();
        BitSet selected = new BitSet(table.size());
        // a followed symlink's digest is its target's; every other kept record's is its own entry's
        String[] followed = new String[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            Included item = kept.get(i);
            int entry = item.record.entry();
            if (item.followLinks && entry >= 0 && table.type(entry) == EntryType.SYMLINK) {
                String target = tree.resolve(ContextTree.keyPath(item.path), true);
                if (!tree.exists(target)) {
                    throw notFound(source, item.path);
                }
                int targetEntry = tree.indexOf(target);
                boolean directory = tree.isDirectory(target);
                followed[i] = directory
                        ? tree.contentDigest(target)
                        : table.entry(targetEntry).digest();
                if (targetEntry < 0) {
                    selected.set(0, table.size()); // a link to the context root selects all of it
                } else {
                    selected.set(targetEntry, directory ? table.subtreeEnd(targetEntry) : targetEntry + 1);
                }
            } else if (entry >= 0) {
                selected.set(entry);
            }
        }
        List<FileEntry> entries = table.rows(selected.stream().toArray());
        if (kept.isEmpty()) {
            return new Selection(source, Digests.EMPTY, entries);
        }
        if (kept.size() == 1 && GoPath.base(p).equals(GoPath.base(kept.get(0).path))) {
            return new Selection(source, followed[0] != null ? followed[0] : digestOf(kept.get(0).record), entries);
        }
        String prefix = walk.origPrefix();
        MessageDigest sha = Digests.newSha256();
        for (int i = 0; i < kept.size(); i++) {
            String path = kept.get(i).path;
            String relative = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
            byte[] key = relative.replace('/', '\0').getBytes(StandardCharsets.UTF_8);
            sha.update(key.length == 0 ? new byte[] {0} : key);
            int entry = kept.get(i).record.entry();
            if (followed[i] != null) {
                sha.update(followed[i].getBytes(StandardCharsets.UTF_8));
            } else if (entry >= 0) {
                table.updateWithDigest(sha, entry);
            } else {
                sha.update(Digests.EMPTY.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Selection(source, Digests.format(sha.digest()), entries);
    }

    private String digestOf(Record record) {
        return record.entry() < 0 ? Digests.EMPTY : table.entry(record.entry()).digest();
    }

    private static boolean shouldInclude(
            String relative, PatternMatcher include, PatternMatcher exclude, Included candidate, Included parent)
            throws ContextException {
        if (include != null) {
            PatternMatcher.Result r = matchPatterns(include, relative, parent == null ? null : parent.includeInfo);
            candidate.includeInfo = r.perPattern();
            if (!r.matched()) {
                return false;
            }
        }
        if (exclude != null) {
            PatternMatcher.Result r = matchPatterns(exclude, relative, parent == null ? null : parent.excludeInfo);
            candidate.excludeInfo = r.perPattern();
            return !r.matched();
        }
        return true;
    }

    private static PatternMatcher.Result matchPatterns(PatternMatcher matcher, String path, boolean[] parent)
            throws ContextException {
        try {
            return matcher.matchesUsingParentResults(path, parent);
        } catch (BadPatternException e) {
            throw new ContextException(
                    "invalid COPY --exclude/--parents pattern: " + e.getMessage() + " (while matching \"" + path
                            + "\"); fix the pattern",
                    e);
        }
    }

    private static boolean wildcardMatches(String source, String pattern, String path) throws ContextException {
        try {
            return GoMatch.match(pattern, path);
        } catch (BadPatternException e) {
            throw new ContextException(
                    "invalid wildcard in COPY/ADD source \"" + source + "\": " + e.getMessage()
                            + "; escape [ ] * ? with a backslash or fix the pattern",
                    e);
        }
    }

    private static PatternMatcher matcher(List<String> patterns, String what) throws ContextException {
        if (patterns == null || patterns.isEmpty()) {
            return null;
        }
        try {
            return PatternMatcher.of(patterns);
        } catch (BadPatternException e) {
            throw new ContextException(
                    "invalid " + what + " patterns " + patterns + ": " + e.getMessage() + "; fix the pattern", e);
        }
    }

    /** Go {@code strings.TrimSuffix(strings.TrimPrefix(fn+"/", base+"/"), "/")}. */
    private static String relativeTo(String fn, String base) {
        String withSlash = fn + "/";
        String prefix = base + "/";
        String rest = withSlash.startsWith(prefix) ? withSlash.substring(prefix.length()) : withSlash;
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    /** Splits at the first component with a wildcard: {literal prefix (at least "/"), rest}. */
    static String[] splitWildcards(String p) {
        String[] parts = GoPath.join(p).split("/", -1);
        List<String> literal = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        boolean found = false;
        for (String part : parts) {
            found = found || GoPath.containsWildcards(part);
            String element = part.isEmpty() ? "/" : part;
            (found ? rest : literal).add(element);
        }
        return new String[] {GoPath.join(literal.toArray(String[]::new)), GoPath.join(rest.toArray(String[]::new))};
    }

    /** Index of the first record whose key is not below {@code key}. */
    private int lowerBound(String key) {
        int lo = 0;
        int hi = recordCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (KeyOrder.PATHS.compare(record(mid).key(), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private ContextException notFound(String source, String path) {
        return ContextException.missingSource(
                "failed to compute cache key: \"" + (path.isEmpty() ? "/" : path)
                        + "\" not found: COPY/ADD source \"" + source + "\" does not exist in the build context " + root
                        + " (check the path, and that .dockerignore does not exclude it)",
                path.startsWith("/") ? path.substring(1) : path);
    }
}
