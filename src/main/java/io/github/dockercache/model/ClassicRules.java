package io.github.dockercache.model;

import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.MetadataInstruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the legacy builder ({@code builder=classic}, cache-model §10) does differently from BuildKit, as far as the keys go:
 * which stages it builds, how it hashes copied files, and which Dockerfile syntax it rejects.
 */
final class ClassicRules {
    /** Instructions whose arguments the legacy builder expands before it commits them. */
    private static final Set<String> EXPANDED_METADATA = Set.of("LABEL", "EXPOSE", "STOPSIGNAL", "VOLUME");

    private ClassicRules() {}

    /** The legacy builder builds every stage up to the target, in file order, whether used or not. */
    static Set<Integer> builtStages(Stage target) {
        Set<Integer> stages = new LinkedHashSet<>();
        for (int index = 0; index <= target.index(); index++) {
            stages.add(index);
        }
        return stages;
    }

    /** {@code name=value ...} as the legacy builder writes ENV and ARG into its commit; a null value is a bare name. */
    static String assignments(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getValue() == null ? e.getKey() : e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** A metadata instruction's committed value: its arguments, expanded where the legacy builder expands them. */
    static String metadataValue(MetadataInstruction metadata, Expander expander, StageState state)
            throws AnalysisException {
        String text = metadata.source().text();
        String arguments = text.substring(
                        Math.min(text.length(), metadata.source().keyword().length()))
                .strip();
        return EXPANDED_METADATA.contains(metadata.source().keyword())
                ? expander.expand(arguments, state, metadata)
                : arguments;
    }

    /** Expands a word with a stage's variables, reporting errors at the instruction. */
    interface Expander {
        String expand(String word, StageState state, Instruction instruction) throws AnalysisException;
    }

    /**
     * The legacy builder's hash of copied context entries: per entry its path from the context root, type, mode,
     * size, link target, device numbers, {@code security.capability} and content; never timestamps, uid/gid (the
     * docker client sends 0) or other extended attributes. Equal hashes mean equal {@code file:}/{@code dir:}
     * hashes in the builder's cache probe.
     */
    /**
     * Why a RUN whose command holds a byte that is not UTF-8 is never reused by the legacy builder
     * (dockerfile-invalid-utf8-classic): it looks for an image whose stored command equals this one, but stores
     * commands as JSON, where such a byte became U+FFFD.
     */
    static final String NEVER_REUSED_COMMAND = "the command holds bytes that are not UTF-8: the legacy builder stores"
            + " the command of each cached step as JSON, where they become U+FFFD, so it never finds this RUN in its"
            + " cache and runs it on every build";

    /**
     * The legacy builder's checksum of copied context files (cache-model §10): each file's tar header as its client sent it,
     * and content. That client leaves sockets out ("archive/tar: sockets not supported") and sends a file's second
     * name as a link to the first (context-special-files-classic).
     */
    static String contentHash(List<FileEntry> entries) {
        List<Map.Entry<String, String>> parts = new ArrayList<>();
        for (FileEntry entry : entries) {
            if (entry.path().isEmpty() || entry.isSocket()) {
                continue; // the context root is never hashed, and sockets are never sent
            }
            if (entry.hardLinkOf() != null) {
                parts.add(Map.entry(entry.path(), "hard link to " + entry.hardLinkOf()));
                continue;
            }
            parts.add(Map.entry(
                    entry.path(),
                    entry.type() + " " + Integer.toOctalString(entry.mode()) + " "
                            + entry.size() + " " + entry.linkTarget() + " " + entry.devMajor() + ":" + entry.devMinor()
                            + " "
                            + entry.xattrs().get("security.capability") + " " + entry.contentDigest()));
        }
        return Keys.hash("classic-copy", null, parts);
    }

    /**
     * The legacy builder copies a named or wildcard-matched file by opening it, which blocks on a fifo until a writer
     * comes, that is forever (checked by hand on Docker 28.5 and 26.1: {@code COPY fifo /f} and {@code COPY dir/* /d/}
     * never return); a fifo inside a copied directory is packed by tar, without being opened.
     */
    static void rejectCopiedFifo(Instruction copy, List<FileEntry> selected) throws AnalysisException {
        Set<String> directories = new HashSet<>();
        selected.stream().filter(e -> e.type() == EntryType.DIRECTORY).forEach(e -> directories.add(e.path()));
        for (FileEntry entry : selected) {
            int slash = entry.path().lastIndexOf('/');
            String parent = slash < 0 ? "" : entry.path().substring(0, slash);
            if (entry.type() == EntryType.FIFO && !directories.contains(parent)) {
                throw new AnalysisException(
                        copy.source().location() + ": the legacy builder (builder=classic) never"
                                + " finishes this build: it opens the fifo \"" + entry.path()
                                + "\" to copy it and waits for a"
                                + " writer forever; copy the directory that holds it, add it to .dockerignore, or build with"
                                + " BuildKit",
                        null);
            }
        }
    }

    /** RUN flags and heredocs are BuildKit syntax: the legacy builder rejects the flags and ignores the bodies. */
    static void rejectBuildKitOnly(RunInstruction run) throws AnalysisException {
        String flag = !run.mounts().isEmpty()
                ? "--mount"
                : run.network() != null ? "--network" : run.security() != null ? "--security" : null;
        if (flag != null) {
            throw buildKitOnly(
                    run,
                    "RUN " + flag + " needs BuildKit: the legacy builder fails with \"the " + flag
                            + " option requires BuildKit\"");
        }
        if (!run.heredocs().isEmpty()) {
            throw buildKitOnly(
                    run,
                    "a RUN here-document needs BuildKit: the legacy builder runs only the first line"
                            + " and ignores the body");
        }
    }

    /** COPY/ADD {@code --chmod}, {@code --parents} and heredocs fail on the legacy builder. */
    static void rejectBuildKitOnly(CopyInstruction copy) throws AnalysisException {
        String keyword = copy.add() ? "ADD" : "COPY";
        if (copy.chmod() != null) {
            throw buildKitOnly(
                    copy,
                    keyword + " --chmod needs BuildKit: the legacy builder fails with \"the --chmod"
                            + " option requires BuildKit\"");
        }
        if (copy.parents()) {
            throw buildKitOnly(
                    copy,
                    keyword + " --parents needs BuildKit: the legacy builder fails with \"unknown"
                            + " flag: --parents\"");
        }
        if (!copy.heredocs().isEmpty()) {
            throw buildKitOnly(
                    copy,
                    "a " + keyword + " here-document needs BuildKit: the legacy builder fails with"
                            + " \"no source files were specified\"");
        }
    }

    /** Flags the legacy builder accepts but does nothing with. */
    static List<String> ignoredFlags(CopyInstruction copy) {
        List<String> ignored = new ArrayList<>();
        if (!copy.excludes().isEmpty()) {
            // Docker 28's legacy builder parses --exclude and copies everything; Docker 26's fails on the flag
            ignored.add("--exclude (Docker 28 copies the excluded files too; Docker 26 rejects the flag)");
        }
        if (copy.link()) {
            ignored.add("--link");
        }
        return ignored;
    }

    private static AnalysisException buildKitOnly(Instruction instruction, String message) {
        return new AnalysisException(instruction.source().location() + ": " + message
                + "; build with BuildKit (builder=buildkit) or drop the BuildKit-only syntax");
    }
}
