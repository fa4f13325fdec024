package io.github.dockercache.context;

import io.github.dockercache.files.BoundedFile;
import io.github.dockercache.files.FileLimitException;
import io.github.dockercache.files.IoReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** The build context after {@code .dockerignore}, as BuildKit would receive it. */
public final class BuildContext {
    private final Path root;
    private final String ignoreFile;
    /** The ignore file's patterns, each at the index of its compiled form in {@link #ignoreMatcher}. */
    private final List<IgnoreFile.Line> ignoreLines;

    private final PatternMatcher ignoreMatcher;
    private final ContextTree tree;
    private final SourceSelector selector;
    private final boolean onDisk;

    private BuildContext(
            Path root,
            String ignoreFile,
            List<IgnoreFile.Line> ignoreLines,
            PatternMatcher ignoreMatcher,
            ContextTree tree,
            boolean onDisk) {
        this.root = root;
        this.onDisk = onDisk;
        this.ignoreFile = ignoreFile;
        this.ignoreLines = List.copyOf(ignoreLines);
        this.ignoreMatcher = ignoreMatcher;
        this.tree = tree;
        this.selector = new SourceSelector(tree, root);
    }

    /**
     * Walks {@code root}, applying {@code <dockerfile-name>.dockerignore} next to the Dockerfile when it
     * exists, else {@code root/.dockerignore}.
     */
    public static BuildContext scan(Path root, Path dockerfile, ClientPlatform platform)
            throws IOException, ContextException {
        return scan(root, dockerfile, platform, (StatCache) null);
    }

    /**
     * As {@link #scan(Path, Path, ClientPlatform)}, reusing file digests remembered in {@code statCacheFile}
     * (created or replaced; null for none) for files whose size, timestamps, inode and header are
     * unchanged. The cache only saves reading time; results are the same with or without it.
     */
    public static BuildContext scan(Path root, Path dockerfile, ClientPlatform platform, Path statCacheFile)
            throws IOException, ContextException {
        return scan(root, dockerfile, platform, statCacheFile, ScanProgress.NONE);
    }

    /** As {@link #scan(Path, Path, ClientPlatform, Path)}, reporting progress while a long walk runs. */
    public static BuildContext scan(
            Path root, Path dockerfile, ClientPlatform platform, Path statCacheFile, ScanProgress progress)
            throws IOException, ContextException {
        return scan(root, dockerfile, platform, statCacheFile == null ? null : StatCache.load(statCacheFile), progress);
    }

    static BuildContext scan(Path root, Path dockerfile, ClientPlatform platform, StatCache cache)
            throws IOException, ContextException {
        return scan(root, dockerfile, platform, cache, ScanProgress.NONE);
    }

    private static BuildContext scan(
            Path root, Path dockerfile, ClientPlatform platform, StatCache cache, ScanProgress progress)
            throws IOException, ContextException {
        Path realRoot = realDirectory(root);
        Path ignorePath = IgnoreFile.locate(realRoot, dockerfile == null ? null : dockerfile.toAbsolutePath());
        List<IgnoreFile.Line> lines = readIgnoreFile(ignorePath);
        List<String> patterns = patterns(lines);
        PatternMatcher matcher;
        FilteredWalk<DirectoryWalk.Walked> walk;
        try {
            matcher = PatternMatcher.of(patterns);
            walk = new FilteredWalk<>(new DirectoryWalk(realRoot), null, patterns);
        } catch (BadPatternException e) {
            throw new ContextException(
                    "invalid pattern in " + ignorePath + ": " + e.getMessage() + "; fix or remove that line", e);
        }
        EntryTable entries;
        ProgressClock clock = new ProgressClock(progress);
        try (ParallelReader reader = new ParallelReader(new EntryReader(platform, cache))) {
            Map<List<Long>, String> firstNames = new HashMap<>(); // of files with several names, by device and inode
            walk.walk(new TreeWalk.Visitor<>() {
                @Override
                public TreeWalk.Flow visit(String path, boolean directory, DirectoryWalk.Walked file)
                        throws ContextException {
                    StatCache.Fingerprint inode = file.stat().fingerprint();
                    String firstName = file.stat().links() > 1 && file.stat().type() == EntryType.FILE && inode != null
                            ? firstNames.putIfAbsent(List.of(inode.device(), inode.inode()), path)
                            : null;
                    reader.submit(path, firstName == null ? file : file.linkedTo(firstName));
                    clock.tick();
                    return TreeWalk.Flow.CONTINUE;
                }

                @Override
                public void unreadableDirectory(String path, DirectoryWalk.Walked file, IOException cause)
                        throws ContextException {
                    throw new ContextException(
                            "cannot list directory \"" + path + "\" in the build context: " + cause
                                    + "; make it readable (chmod a+rx) or add it to .dockerignore",
                            cause);
                }
            });
            entries = reader.finish();
            if (cache != null) {
                cache.save();
            }
        } finally {
            if (cache != null) {
                cache.close(); // a failed scan leaves the previous cache file as it was
            }
        }
        clock.finish();
        return new BuildContext(
                realRoot, describe(realRoot, ignorePath), lines, matcher, new ContextTree(entries), true);
    }

    /**
     * The context a source that is not on disk (a git commit's tree) sends, after the ignore file's patterns, walked
     * and filtered as a directory is; {@code root} is where that context would be on disk, for messages only.
     *
     * @param ignoreFile the ignore file that applies (as {@link IgnoreFile#locate} chooses it), for messages, or null
     * @param ignoreContent its bytes, or null when there is none
     * @param digests the contents hashed so far, reused and added to
     */
    public static BuildContext of(
            ContextSource source,
            Path root,
            String ignoreFile,
            byte[] ignoreContent,
            ClientPlatform platform,
            ContentDigests digests)
            throws ContextException {
        List<IgnoreFile.Line> lines;
        List<String> patterns;
        PatternMatcher matcher;
        FilteredWalk<ContextSource.Entry> walk;
        try {
            lines = ignoreContent == null ? List.of() : IgnoreFile.lines(ignoreContent);
            patterns = patterns(lines);
            matcher = PatternMatcher.of(patterns);
            walk = new FilteredWalk<>(source, null, patterns);
        } catch (BadPatternException e) {
            throw new ContextException(
                    "invalid pattern in " + ignoreFile + ": " + e.getMessage() + "; fix or remove that line", e);
        }
        EntryTable table = new EntryTable();
        walk.walk(new TreeWalk.Visitor<>() {
            @Override
            public TreeWalk.Flow visit(String path, boolean directory, ContextSource.Entry entry)
                    throws ContextException {
                table.add(sourceEntry(path, entry, platform, digests));
                return TreeWalk.Flow.CONTINUE;
            }

            @Override
            public void unreadableDirectory(String path, ContextSource.Entry entry, IOException cause)
                    throws ContextException {
                throw new ContextException("cannot list \"" + path + "\" of the build context: " + cause, cause);
            }
        });
        table.trim();
        return new BuildContext(root, ignoreFile, lines, matcher, new ContextTree(table), false);
    }

    /** An entry of a source as the client on {@code platform} would send it: no xattrs, no devices. */
    private static FileEntry sourceEntry(
            String path, ContextSource.Entry entry, ClientPlatform platform, ContentDigests digests)
            throws ContextException {
        int mode = EntryReader.clientMode(platform, entry.type(), entry.mode());
        long size = entry.type() == EntryType.FILE ? entry.size() : 0;
        byte[] header = EntryHeader.bytes(entry.type(), mode, size, entry.linkTarget(), 0, 0, EntryHeader.NO_XATTRS);
        byte[] both;
        if (entry.type() == EntryType.FILE) {
            both = digests.of(path, header, entry);
        } else {
            both = new byte[FileEntry.DIGEST_BYTES];
            System.arraycopy(Digests.newSha256().digest(header), 0, both, FileEntry.DIGEST_OFFSET, 32);
        }
        return new FileEntry(
                path,
                entry.type(),
                mode,
                size,
                FileEntry.Extra.of(entry.linkTarget(), 0, 0, EntryHeader.NO_XATTRS, false, null),
                both,
                0);
    }

    /** The context root directory; for a context not on disk, where it would be. */
    public Path root() {
        return root;
    }

    /**
     * The directory the entries' bytes can be read from (archives, stamped text files), or null for a context not on
     * disk, whose bytes stay where they came from.
     */
    public Path filesRoot() {
        return onDisk ? root : null;
    }

    /** The ignore file that applies, relative to the root when inside it, or null when none. */
    public String ignoreFile() {
        return ignoreFile;
    }

    /** The ignore patterns in file order, as read. */
    public List<String> ignorePatterns() {
        return patterns(ignoreLines);
    }

    private static List<String> patterns(List<IgnoreFile.Line> lines) {
        return lines.stream().map(IgnoreFile.Line::pattern).toList();
    }

    /**
     * True when the relative path is excluded by the ignore patterns (patternmatcher's
     * {@code MatchesOrParentMatches}). An excluded directory may still be sent as the parent of a
     * re-included file; {@link #entries()} says what is sent.
     */
    public boolean isIgnored(String relativePath) {
        String path = matchedPath(relativePath);
        try {
            return path != null && ignoreMatcher.matchesOrParentMatches(path);
        } catch (BadPatternException e) {
            return true; // the walk would have failed on such a pattern; scan already reported it
        }
    }

    /**
     * The ignore file's line that excludes the relative path (the pattern that decides {@link #isIgnored}), or null
     * when none does.
     */
    public IgnoreFile.Line excludedBy(String relativePath) {
        String path = matchedPath(relativePath);
        try {
            int deciding = path == null ? -1 : ignoreMatcher.decidingPattern(path);
            return deciding < 0 ? null : ignoreLines.get(deciding);
        } catch (BadPatternException e) {
            return null; // the walk would have failed on such a pattern; scan already reported it
        }
    }

    /** The path as the matcher takes it: cleaned, relative; null for the root. */
    private static String matchedPath(String relativePath) {
        String path = GoPath.clean(relativePath);
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.isEmpty() || path.equals(".") ? null : path;
    }

    /** Every entry that is sent, keyed by relative path, in BuildKit's key order. */
    public SortedMap<String, FileEntry> entries() {
        return tree.entries();
    }

    /**
     * What one COPY/ADD source selects: an exact path (symlinks followed inside the context), or a
     * pattern with Go {@code filepath.Match} wildcards; {@code excludes} are {@code --exclude} patterns.
     */
    public Selection select(String source, List<String> excludes) throws ContextException {
        return selector.select(source, null, excludes, true);
    }

    /**
     * What a {@code COPY --parents} source selects: everything below its root that its include pattern matches,
     * minus {@code excludes}; the checksum covers the kept paths relative to the root, so it changes when a
     * copied file moves to another parent directory.
     */
    public Selection select(ParentsSource source, List<String> excludes) throws ContextException {
        return selector.select(source.root(), List.of(source.pattern()), excludes, true);
    }

    /**
     * As {@link #select}, with {@code --parents}-style include patterns and BuildKit's allow-wildcard
     * switch (always on for Dockerfile COPY/ADD).
     */
    Selection select(String source, List<String> includes, List<String> excludes, boolean allowWildcard)
            throws ContextException {
        return selector.select(source, includes, excludes, allowWildcard);
    }

    /** fsutil resolves the root's own symlinks before walking. */
    private static Path realDirectory(Path root) throws ContextException {
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ContextException("the build context " + root + " is not a directory; pass the"
                        + " directory that holds the files COPY uses");
            }
            return real;
        } catch (IOException e) {
            throw new ContextException(
                    "the build context " + root + " cannot be opened: " + e
                            + "; check that the directory exists and is readable",
                    e);
        }
    }

    private static List<IgnoreFile.Line> readIgnoreFile(Path ignorePath) throws ContextException {
        if (ignorePath == null) {
            return List.of();
        }
        try {
            return IgnoreFile.lines(BoundedFile.read(ignorePath, IgnoreFile.MAX_BYTES));
        } catch (FileLimitException e) {
            throw new ContextException(
                    ignorePath + " " + e.getMessage() + " (docs/limits.md); a .dockerignore must be a"
                            + " regular file of patterns: replace it with one",
                    e);
        } catch (IOException e) {
            throw new ContextException(
                    "cannot read " + ignorePath + ": " + IoReasons.describe(e) + "; make it readable", e);
        } catch (BadPatternException e) {
            throw new ContextException("failed parsing " + ignorePath + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Path root, Path ignorePath) {
        if (ignorePath == null) {
            return null;
        }
        Path absolute;
        try {
            absolute = ignorePath.toRealPath(); // the root is a real path too
        } catch (IOException e) {
            absolute = ignorePath.toAbsolutePath().normalize();
        }
        return absolute.startsWith(root)
                ? root.relativize(absolute).toString().replace('\\', '/')
                : absolute.toString();
    }
}
