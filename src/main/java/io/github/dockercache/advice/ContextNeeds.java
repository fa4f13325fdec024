package io.github.dockercache.advice;

import io.github.dockercache.context.BadPatternException;
import io.github.dockercache.context.ContextException;
import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.GoPath;
import io.github.dockercache.context.IgnoreFile;
import io.github.dockercache.context.ParentsSource;
import io.github.dockercache.context.PatternMatcher;
import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileNames;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.model.StepSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the build context must keep for every build this Dockerfile can make: the sources of every COPY, ADD and
 * context bind mount in every stage, whatever the {@code --target}, and in the other Dockerfiles that read the same
 * ignore file (a Quarkus project's {@code Dockerfile.jvm}, {@code .legacy-jar} and {@code .native} share one).
 *
 * <p>A suggested ignore line is checked against all of them with the project's own matcher (moby/patternmatcher,
 * cache-model §4) before it is offered. It may leave out what a source copies along with a directory ({@code target/}
 * under a {@code COPY . .}: that is what the advice is for), never a path a source names or a path its wildcard
 * would match. Where the line would, it is narrowed with {@code !} exceptions for those sources, as long as it
 * still leaves something out.
 *
 * <p>One file: gathering what every Dockerfile reads and testing an ignore line against it share that one list.
 */
final class ContextNeeds {
    private static final int MAX_OTHER_DOCKERFILES = 64;
    private static final long MAX_DOCKERFILE_BYTES = 1024 * 1024;
    /** How many entries below a {@code !} exception are walked on disk to see that it brings nothing back. */
    private static final int MAX_WALKED = 20_000;
    /** The ignore file a fix creates where there is none. */
    static final String NEW_IGNORE_FILE = ".dockerignore";

    private final AdviceInput input;
    private final List<Need> needs;
    private final Map<Need, List<String>> matches = new HashMap<>();

    private ContextNeeds(AdviceInput input, List<Need> needs) {
        this.input = input;
        this.needs = needs;
    }

    /**
     * One source read from the context.
     *
     * @param pattern the source as a context path or COPY wildcard pattern ({@code --parents}: with its {@code /./}
     *     pivot); for a source that cannot be expanded, the directory before its first variable
     * @param excludes its {@code --exclude} patterns
     * @param parents a {@code COPY --parents} source
     * @param unknown the pattern stands for anything below it (a variable this build cannot expand)
     */
    private record Need(String pattern, List<String> excludes, boolean parents, boolean unknown) {
        /** The path the pattern names before its first wildcard, {@code ""} for the context root. */
        String root() {
            List<String> literal = new ArrayList<>();
            for (String segment : plainPath().split("/")) {
                if (GoPath.containsWildcards(segment)) {
                    break;
                }
                if (!segment.isEmpty()) {
                    literal.add(segment);
                }
            }
            return String.join("/", literal);
        }

        /** The pattern without a {@code --parents} pivot, as a context path. */
        String plainPath() {
            return ContextPaths.of(parents ? pattern.replace("/./", "/") : pattern);
        }

        boolean wildcard() {
            return GoPath.containsWildcards(plainPath());
        }

        /** A path the pattern would match, wildcards replaced by an ordinary character. */
        String sample() {
            return plainPath().replaceAll("\\[[^]]*]|[*?]", "x").replace("\\", "");
        }
    }

    static ContextNeeds of(AdviceInput input) {
        List<Need> needs = new ArrayList<>();
        Set<Integer> built = new HashSet<>();
        for (StepSnapshot step : input.snapshot().steps()) {
            built.add(step.place().stageIndex());
            Instruction instruction = input.instruction(step);
            if (instruction instanceof CopyInstruction copy && copy.from() == null) {
                List<String> excludes =
                        copy.excludes().stream().anyMatch(e -> e.contains("$")) ? List.of() : copy.excludes();
                step.reads().sources().stream()
                        .filter(source -> !isRemote(source))
                        .forEach(source -> needs.add(new Need(source, excludes, copy.parents(), false)));
            } else if (instruction instanceof RunInstruction run) {
                addMounts(run, needs);
            }
        }
        for (Stage stage : input.dockerfile().stages()) {
            if (!built.contains(stage.index())) {
                addWritten(stage, needs);
            }
        }
        otherDockerfiles(input).forEach(other -> other.stages().forEach(stage -> addWritten(stage, needs)));
        return new ContextNeeds(input, List.copyOf(new LinkedHashSet<>(needs)));
    }

    /** The sources of a stage this build does not run, as written: a variable makes the rest unknown. */
    private static void addWritten(Stage stage, List<Need> needs) {
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof CopyInstruction copy && copy.from() == null) {
                List<String> excludes =
                        copy.excludes().stream().anyMatch(e -> e.contains("$")) ? List.of() : copy.excludes();
                copy.sourcePaths().stream()
                        .filter(source -> !isRemote(source))
                        .forEach(source -> needs.add(written(source, excludes, copy.parents())));
            } else if (instruction instanceof RunInstruction run) {
                addMounts(run, needs);
            }
        }
    }

    /** A RUN may read anything its bind mounts show it, so a mount needs all of its directory. */
    private static void addMounts(RunInstruction run, List<Need> needs) {
        for (String mount : run.mounts()) {
            String source = contextMountSource(mount);
            if (source != null) {
                Need written = written(source, List.of(), false);
                needs.add(new Need(written.root(), List.of(), false, true));
            }
        }
    }

    private static Need written(String source, List<String> excludes, boolean parents) {
        int variable = source.indexOf('$');
        if (variable < 0) {
            return new Need(source, excludes, parents, false);
        }
        String before = source.substring(0, variable);
        String directory = before.contains("/") ? before.substring(0, before.lastIndexOf('/')) : "";
        return new Need(directory, List.of(), false, true);
    }

    /**
     * The context path a {@code RUN --mount} value reads, or null when it reads none: a cache, secret, ssh or tmpfs
     * mount, or a bind mount {@code from=} a stage or image. A bind mount without {@code source} reads the root.
     */
    static String contextMountSource(String mount) {
        String type = "bind";
        String source = "/";
        for (String field : mount.split(",")) {
            String[] keyValue = field.strip().split("=", 2);
            String key = keyValue[0].strip().toLowerCase(Locale.ROOT);
            String value = keyValue.length > 1 ? keyValue[1].strip() : "";
            switch (key) {
                case "type" -> type = value.toLowerCase(Locale.ROOT);
                case "from" -> {
                    return null;
                }
                case "source", "src" -> source = value;
                default -> {}
            }
        }
        return type.equals("bind") ? source : null;
    }

    private static boolean isRemote(String source) {
        return source.startsWith("http://")
                || source.startsWith("https://")
                || source.startsWith("git@")
                || source.startsWith("git://");
    }

    /**
     * The other Dockerfiles that read the ignore file this build reads, parsed: Dockerfile-named files beside this
     * one and in the context, without an ignore file of their own. None when this build has a Dockerfile-specific
     * ignore file. One that does not parse cannot be built, and is left out.
     */
    private static List<Dockerfile> otherDockerfiles(AdviceInput input) {
        Path root = input.context().root();
        String ignoreFile = input.context().ignoreFile();
        if (ignoreFile != null && !ignoreFile.equals(".dockerignore")) {
            return List.of(); // <Dockerfile>.dockerignore: no other Dockerfile reads it
        }
        Path own = input.build().dockerfile().toAbsolutePath().normalize();
        Set<Path> candidates = new TreeSet<>();
        try (Stream<Path> beside = Files.list(own.getParent())) {
            beside.filter(path -> DockerfileNames.matches(path.getFileName().toString()))
                    .forEach(candidates::add);
        } catch (IOException | UncheckedIOException e) {
            // the Dockerfile's directory cannot be listed: only the context's own Dockerfiles are known
        }
        input.context().entries().values().stream()
                .filter(entry -> entry.type() == EntryType.FILE && DockerfileNames.matches(GoPath.base(entry.path())))
                .forEach(entry -> candidates.add(root.resolve(entry.path())));
        List<Dockerfile> others = new ArrayList<>();
        for (Path candidate : candidates) {
            Path file = candidate.toAbsolutePath().normalize();
            // BuildKit reads <Dockerfile>.dockerignore instead where there is one; the legacy builder never does
            boolean ownIgnoreFile = Files.isRegularFile(file.resolveSibling(file.getFileName() + ".dockerignore"));
            if (others.size() < MAX_OTHER_DOCKERFILES && !file.equals(own) && (input.classic() || !ownIgnoreFile)) {
                parse(file, input).ifPresent(others::add);
            }
        }
        return others;
    }

    private static Optional<Dockerfile> parse(Path file, AdviceInput input) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_DOCKERFILE_BYTES) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(DockerfileReader.parse(
                    text,
                    file.getFileName().toString(),
                    BaseImageConfigs.NONE,
                    null,
                    input.build().buildkitVersion()));
        } catch (IOException | DockerfileException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * True when some source, in any stage or beside Dockerfile, names {@code path} or something inside it (a
     * {@code COPY . .} names neither), or may expand to it.
     */
    boolean names(String path) {
        return needs.stream()
                .anyMatch(need -> need.unknown()
                        ? ContextPaths.isWithin(path, need.root()) || ContextPaths.isWithin(need.root(), path)
                        : !need.root().isEmpty() && ContextPaths.isWithin(need.root(), path)
                                || topLevelMatches(need).stream()
                                        .anyMatch(match -> ContextPaths.isWithin(match, path)));
    }

    /**
     * Ignore lines that leave out what {@code lines} leave out, except what a source needs.
     *
     * @param lines ignore lines as they would be appended to the ignore file
     * @return the lines to suggest and the files they leave out; the lines themselves when no source loses anything
     *     (and the new file's own name, when there is no ignore file yet),
     *     else narrowed: a directory line {@code dir/} becomes {@code dir/*}, followed by a {@code !} exception for
     *     each source it would take; empty when no such lines leave anything out
     */
    Optional<Exclusion> exclude(List<String> lines) {
        try {
            PatternMatcher before = PatternMatcher.of(input.context().ignorePatterns());
            List<Need> taken = taken(before, lines);
            if (taken.isEmpty()) {
                return exclusion(before, lines, false);
            }
            if (taken.stream().anyMatch(need -> need.root().isEmpty() && (need.unknown() || !need.wildcard()))) {
                return Optional.empty(); // the whole context is needed
            }
            List<String> narrowed = new ArrayList<>();
            lines.forEach(line -> narrowed.add(line.endsWith("/") && !line.startsWith("!") ? line + "*" : line));
            taken.stream()
                    .map(need -> "!" + (need.unknown() ? need.root() : need.plainPath()))
                    .distinct()
                    .sorted()
                    .forEach(narrowed::add);
            if (!taken(before, narrowed).isEmpty() || bringsBack(before, narrowed)) {
                return Optional.empty();
            }
            return exclusion(before, narrowed, true);
        } catch (BadPatternException e) {
            return Optional.empty(); // a line the matcher cannot read is never offered
        }
    }

    /**
     * Lines to add to the ignore file and what they leave out.
     *
     * @param lines the lines, in order
     * @param files the regular files of the context they leave out, in context order
     * @param bytes their size
     */
    record Exclusion(List<String> lines, List<String> files, long bytes, boolean narrowed, boolean newFile) {
        /**
         * How a fix introduces the lines: {@code add to .dockerignore}, or, for a file that does not exist yet,
         * that it is created (and lists itself); {@code why} follows in parentheses, when given.
         */
        String addTo(String ignoreFile, String why) {
            List<String> reasons = new ArrayList<>();
            if (why != null) {
                reasons.add(why);
            }
            if (narrowed) {
                reasons.add("the ! exceptions keep what a step copies on purpose");
            }
            if (newFile) {
                reasons.add("it lists itself, so that no COPY copies it");
            }
            return (newFile ? "create " : "add to ")
                    + ignoreFile
                    + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
        }
    }

    private Optional<Exclusion> exclusion(PatternMatcher before, List<String> wanted, boolean narrowed)
            throws BadPatternException {
        List<String> lines = new ArrayList<>(wanted);
        if (input.context().ignoreFile() == null) {
            lines.add(NEW_IGNORE_FILE); // a new ignore file is a context file too: a COPY . . would copy it
        }
        PatternMatcher after = matcher(lines);
        List<String> files = new ArrayList<>();
        long bytes = 0;
        for (FileEntry entry : reachedBy(lines)) {
            if (entry.type() != EntryType.DIRECTORY && leftOut(before, after, entry.path())) {
                files.add(entry.path());
                bytes += entry.size();
            }
        }
        return files.isEmpty()
                ? Optional.empty()
                : Optional.of(new Exclusion(
                        List.copyOf(lines),
                        files,
                        bytes,
                        narrowed,
                        input.context().ignoreFile() == null));
    }

    /**
     * The entries the lines can leave out: those below the literal start of a line that is no exception (all of
     * them for a line that starts with a wildcard), so that the matcher runs only where it can match.
     */
    private List<FileEntry> reachedBy(List<String> lines) {
        List<String> roots = lines.stream()
                .filter(line -> !line.startsWith("!"))
                .map(line -> new Need(line, List.of(), false, false).root())
                .toList();
        return input.context().entries().values().stream()
                .filter(entry -> roots.stream().anyMatch(root -> ContextPaths.isWithin(entry.path(), root)))
                .toList();
    }

    /** The sources the lines would take something from: a path they name, or a path their wildcard would match. */
    private List<Need> taken(PatternMatcher before, List<String> lines) throws BadPatternException {
        PatternMatcher after = matcher(lines);
        List<Need> taken = new ArrayList<>();
        for (Need need : needs) {
            if (takes(before, after, need)) {
                taken.add(need);
            }
        }
        return taken;
    }

    private boolean takes(PatternMatcher before, PatternMatcher after, Need need) throws BadPatternException {
        if (need.unknown()) {
            for (FileEntry entry : input.context().entries().values()) {
                if (ContextPaths.isWithin(entry.path(), need.root()) && leftOut(before, after, entry.path())) {
                    return true;
                }
            }
        }
        for (String match : topLevelMatches(need)) {
            if (leftOut(before, after, match)) {
                return true;
            }
        }
        // a wildcard may match later what it does not match now; a missing path may come back
        return Stream.of(need.root(), need.sample())
                .filter(path -> !path.isEmpty())
                .distinct()
                .anyMatch(path -> leftOutQuietly(before, after, path));
    }

    /** The paths the source itself matches (not what they contain); the root matches nothing an ignore line can take. */
    private List<String> topLevelMatches(Need need) {
        return matches.computeIfAbsent(need, this::matchesOf);
    }

    private List<String> matchesOf(Need need) {
        String path = need.plainPath();
        if (path.isEmpty()) {
            return List.of();
        }
        if (need.parents()) {
            try {
                return input.context().select(ParentsSource.of(need.pattern()), need.excludes()).entries().stream()
                        .map(FileEntry::path)
                        .toList();
            } catch (ContextException e) {
                return List.of();
            }
        }
        if (!need.wildcard()) {
            return input.context().entries().containsKey(path) ? List.of(path) : List.of();
        }
        int depth = path.split("/").length;
        try {
            return input.context().select(path, need.excludes()).entries().stream()
                    .map(FileEntry::path)
                    .filter(match -> match.split("/").length == depth)
                    .toList();
        } catch (ContextException e) {
            return List.of();
        }
    }

    /**
     * True when a {@code !} exception among the lines would bring back something the ignore file leaves out now:
     * the paths below it are walked on disk, since the context as sent does not show them.
     */
    private boolean bringsBack(PatternMatcher before, List<String> lines) throws BadPatternException {
        PatternMatcher after = matcher(lines);
        Path root = input.context().root();
        for (String line : lines) {
            if (!line.startsWith("!")) {
                continue;
            }
            String literal = new Need(line.substring(1), List.of(), false, false).root();
            Path start = root.resolve(literal);
            if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<String> paths;
            try (Stream<Path> walk = Files.walk(start)) {
                paths = walk.limit(MAX_WALKED + 1L)
                        .map(path -> root.relativize(path).toString().replace('\\', '/'))
                        .toList();
            } catch (IOException | UncheckedIOException e) {
                return true; // cannot tell: not offered
            }
            if (paths.size() > MAX_WALKED) {
                return true;
            }
            for (String path : paths) {
                if (before.matchesOrParentMatches(path) && !after.matchesOrParentMatches(path)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The matcher of the ignore file with {@code lines} appended, read as BuildKit reads the file. */
    private PatternMatcher matcher(List<String> lines) throws BadPatternException {
        List<String> patterns = new ArrayList<>(input.context().ignorePatterns());
        patterns.addAll(IgnoreFile.parse(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        return PatternMatcher.of(patterns);
    }

    private static boolean leftOut(PatternMatcher before, PatternMatcher after, String path)
            throws BadPatternException {
        return after.matchesOrParentMatches(path) && !before.matchesOrParentMatches(path);
    }

    private static boolean leftOutQuietly(PatternMatcher before, PatternMatcher after, String path) {
        try {
            return leftOut(before, after, path);
        } catch (BadPatternException e) {
            return true;
        }
    }
}
