package io.github.dockercache.history;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ContentDigests;
import io.github.dockercache.context.ContextException;
import io.github.dockercache.context.EntryType;
import io.github.dockercache.context.IgnoreFile;
import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.dockerfile.DockerfileBytes;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.HistoryEntry;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Replays a range of commits for one image: at each commit the Dockerfile and the context are read from the commit's
 * tree (never from the working tree or the index, which stay untouched), the step keys computed by the model, and
 * compared with the commit before it, every earlier commit of the range counting as a build BuildKit still has.
 *
 * <p>One file: it is the only place that speaks git (commits, trees, revisions), and keeps JGit inside it.
 */
public final class Replay {
    /** The commits replayed when no range is given. */
    public static final int DEFAULT_COMMITS = 50;

    private final Repository repository;
    private final ObjectReader reader;
    private final RevWalk walk;
    private final GitTrees trees;
    private final ContentDigests digests = new ContentDigests();
    private final BuildSettings settings;
    private final StabilityPolicy policy;
    private final String contextPath;
    private final String dockerfilePath;
    private final Untracked untracked;
    /** Snapshots by what they are computed from (context tree, Dockerfile blob, ignore file blob): a commit that changes
     * none of them, such as a doc edit outside the context, is not analysed again. */
    private final Map<String, Analysed> analysed = new HashMap<>();

    /** A snapshot of one commit, or why there is none. */
    private record Analysed(Snapshot snapshot, String problem) {}

    private Replay(Repository repository, BuildSettings settings, StabilityPolicy policy) throws HistoryException {
        this.repository = repository;
        this.reader = repository.newObjectReader();
        this.walk = new RevWalk(reader);
        this.trees = new GitTrees(reader);
        this.settings = settings;
        this.policy = policy;
        Path workTree = repository.getWorkTree().toPath();
        this.contextPath = inside(workTree, settings.contextDir(), "build context");
        this.dockerfilePath = inside(workTree, settings.dockerfile(), "Dockerfile");
        try {
            this.untracked =
                    Untracked.of(workTree, repository.readDirCache(), realPath(settings.contextDir()), contextPath);
        } catch (IOException e) {
            throw new HistoryException(
                    "cannot list the files git does not track in " + settings.contextDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The history of the image {@code settings} describe over {@code range} (null: the last {@code count} commits of
     * HEAD, following first parents), read from the git repository that holds its context directory.
     */
    public static ImageHistory of(BuildSettings settings, StabilityPolicy policy, String range, int count)
            throws HistoryException {
        if (range == null && count < 1) {
            throw new HistoryException("the number of commits must be at least 1 (got " + count + ")");
        }
        try (Repository repository = open(settings.contextDir())) {
            Replay replay = new Replay(repository, settings, policy);
            try {
                return replay.run(range, count);
            } finally {
                replay.walk.close();
                replay.reader.close();
            }
        }
    }

    private ImageHistory run(String range, int count) throws HistoryException {
        List<RevCommit> commits = range == null ? lastCommits(count) : commitsIn(range);
        String shownRange = range != null ? range : commits.isEmpty() ? "HEAD" : "HEAD~" + commits.size() + "..HEAD";
        RevCommit before = commits.isEmpty() || commits.get(0).getParentCount() == 0
                ? null
                : parse(commits.get(0).getParent(0));
        List<HistoryEntry> builds = new ArrayList<>(); // newest first, as a baseline's history
        Snapshot last = null;
        if (before != null) {
            Analysed first = analyse(before);
            if (first.snapshot() != null) {
                last = first.snapshot();
                builds.add(entry(before, last));
            }
        }
        List<CommitResult> results = new ArrayList<>();
        for (RevCommit commit : commits) {
            Commit shown = describe(commit);
            Analysed now = analyse(commit);
            if (now.snapshot() == null) {
                results.add(new CommitResult(shown, now.problem(), List.of()));
                continue;
            }
            if (last == null) {
                results.add(new CommitResult(
                        shown,
                        "nothing earlier to compare with: "
                                + (before == null && results.isEmpty()
                                        ? "the first commit"
                                        : "no earlier commit of the range builds"),
                        List.of()));
            } else {
                Comparison comparison = Comparison.compare(now.snapshot(), last.withHistory(builds), policy, null);
                results.add(new CommitResult(shown, null, outcomes(comparison)));
            }
            last = now.snapshot();
            builds.add(0, entry(commit, last));
        }
        return new ImageHistory(
                last == null ? dockerfilePath : last.dockerfile(),
                shownRange,
                List.copyOf(results),
                untrackedNote(),
                digests.hashed(),
                trees.treesRead());
    }

    // ---- one commit ----

    private Analysed analyse(RevCommit commit) throws HistoryException {
        try {
            ObjectId tree = commit.getTree();
            GitTrees.Child dockerfile = trees.find(tree, dockerfilePath);
            if (dockerfile == null || dockerfile.entry().type() != EntryType.FILE) {
                return new Analysed(null, "no " + dockerfilePath + " at this commit");
            }
            GitTrees.Child context = trees.find(tree, contextPath);
            if ((context == null || !context.directory()) && untracked.isEmpty()) {
                return new Analysed(
                        null, "no build context " + (contextPath.isEmpty() ? "." : contextPath) + " at this commit");
            }
            ObjectId contextTree = context == null || !context.directory() ? null : context.id();
            GitTrees.Child ignore = ignoreFile(tree, contextTree);
            String key = Objects.toString(contextTree) + " " + dockerfile.id().name() + " "
                    + (ignore == null ? "-" : ignore.id().name());
            Analysed known = analysed.get(key);
            if (known == null) {
                known = analyse(dockerfile, contextTree, ignore);
                analysed.put(key, known);
            }
            return known;
        } catch (ContextException e) {
            throw new HistoryException("cannot read commit " + commit.getName() + ": " + e.getMessage(), e);
        }
    }

    private Analysed analyse(GitTrees.Child dockerfile, ObjectId contextTree, GitTrees.Child ignore)
            throws ContextException {
        try {
            String text = DockerfileBytes.decode(trees.bytes(dockerfile.id(), DockerfileReader.MAX_BYTES));
            byte[] ignoreContent = ignore == null ? null : trees.bytes(ignore.id(), IgnoreFile.MAX_BYTES);
            BuildContext context = BuildContext.of(
                    new GitContext(trees, contextTree, untracked),
                    settings.contextDir(),
                    ignore == null ? null : ignoreName(ignore),
                    ignoreContent,
                    settings.platform(),
                    digests);
            Snapshot snapshot = CacheModel.analyse(settings, text, context, ImageDigests.NONE, BaseImageConfigs.NONE)
                    .snapshot();
            return new Analysed(snapshot, null);
        } catch (AnalysisException e) {
            return new Analysed(null, "the build fails at this commit: " + e.getMessage());
        } catch (ContextException e) {
            return new Analysed(null, e.getMessage());
        } catch (IOException e) {
            throw new ContextException("cannot read " + dockerfilePath + ": " + e.getMessage(), e);
        }
    }

    /** The ignore file that applies at the commit, as {@link IgnoreFile#locate} chooses one on disk. */
    private GitTrees.Child ignoreFile(ObjectId tree, ObjectId contextTree) throws ContextException {
        if (settings.builder() != Builder.CLASSIC) { // the legacy builder's client reads only <context>/.dockerignore
            int slash = dockerfilePath.lastIndexOf('/');
            String specific = dockerfilePath.substring(0, slash + 1)
                    + IgnoreFile.specificName(dockerfilePath.substring(slash + 1));
            GitTrees.Child found = trees.find(tree, specific);
            if (found != null && found.entry().type() == EntryType.FILE) {
                return found;
            }
        }
        GitTrees.Child common = contextTree == null ? null : trees.find(contextTree, ".dockerignore");
        return common != null && common.entry().type() == EntryType.FILE ? common : null;
    }

    private String ignoreName(GitTrees.Child ignore) {
        return ignore.name().equals(".dockerignore")
                ? ".dockerignore"
                : IgnoreFile.specificName(dockerfilePath.substring(dockerfilePath.lastIndexOf('/') + 1));
    }

    // ---- comparing ----

    /** Each step's outcome; a step that reads an untracked file, or builds on one that does, is never cached. */
    private List<StepOutcome> outcomes(Comparison comparison) {
        Map<String, String> untrackedReads = untrackedReads(comparison.current());
        Map<String, StepResult> byId = new LinkedHashMap<>();
        comparison.steps().forEach(step -> byId.put(step.stepId(), step));
        List<StepOutcome> outcomes = new ArrayList<>();
        for (StepResult step : comparison.steps()) {
            String untrackedRead = untrackedReads.get(step.stepId());
            Verdict verdict = step.verdict();
            String reason = step.unknownReason();
            if (untrackedRead != null && verdict == Verdict.CACHED) {
                verdict = Verdict.UNKNOWN;
                reason = untrackedRead;
            }
            Cause cause = null;
            if (verdict == Verdict.REBUILT) {
                StepResult root = byId.getOrDefault(step.rootStepId(), step);
                cause = root.causes().isEmpty() ? null : root.causes().get(0);
            }
            outcomes.add(new StepOutcome(
                    step.stepId(),
                    step.text(),
                    verdict,
                    step.stable(),
                    step.rootStepId(),
                    cause,
                    verdict == Verdict.UNKNOWN ? reason : null));
        }
        return outcomes;
    }

    /**
     * The steps whose key depends on a file git does not track, to why: the step reads one, or builds on (or copies
     * from) a step that does.
     */
    private Map<String, String> untrackedReads(Snapshot snapshot) {
        if (untracked.isEmpty()) {
            return Map.of();
        }
        Map<String, String> reads = new HashMap<>();
        Map<String, String> lastOfStage = new HashMap<>();
        for (StepSnapshot step : snapshot.steps()) {
            String path = step.reads().files().stream()
                    .filter(untracked::contains)
                    .findFirst()
                    .orElse(null);
            if (path != null) {
                reads.put(
                        step.place().id(),
                        "reads " + path + ", which git does not track: history cannot know its content at"
                                + " each commit");
            } else if (step.keys().parentId() != null
                    && reads.containsKey(step.keys().parentId())) {
                reads.put(
                        step.place().id(),
                        "builds on step " + step.keys().parentId() + ", which "
                                + reads.get(step.keys().parentId()).replaceFirst("^builds on step \\S+, which ", ""));
            } else if (step.reads().fromStage() != null
                    && reads.containsKey(lastOfStage.get(step.reads().fromStage()))) {
                reads.put(
                        step.place().id(),
                        "copies from stage '" + step.reads().fromStage() + "', which "
                                + reads.get(lastOfStage.get(step.reads().fromStage()))
                                        .replaceFirst("^builds on step \\S+, which ", ""));
            }
            lastOfStage.put(step.place().stage(), step.place().id());
        }
        return reads;
    }

    private String untrackedNote() {
        if (untracked.isEmpty()) {
            return null;
        }
        return "the build context holds files git does not track (" + String.join(", ", untracked.sample(3))
                + (untracked.truncated() ? ", and more than " + Untracked.MAX_PATHS + " in all" : "")
                + "): steps that read them are unknown";
    }

    private static HistoryEntry entry(RevCommit commit, Snapshot snapshot) {
        return new HistoryEntry(
                null,
                commit.getName(),
                snapshot.steps().stream()
                        .map(step -> step.keys().key())
                        .filter(Objects::nonNull)
                        .toList(),
                snapshot.steps().stream()
                        .map(step -> step.keys().optimisticKey())
                        .toList());
    }

    // ---- commits ----

    private List<RevCommit> lastCommits(int count) throws HistoryException {
        ObjectId head = resolve("HEAD");
        List<RevCommit> commits = new ArrayList<>();
        RevCommit commit = parse(head);
        while (commit != null && commits.size() < count) {
            commits.add(commit);
            commit = commit.getParentCount() == 0 ? null : parse(commit.getParent(0));
        }
        Collections.reverse(commits);
        return commits;
    }

    /** {@code A..B}: the commits reachable from B (HEAD when empty) but not from A, first parents only, oldest first. */
    private List<RevCommit> commitsIn(String range) throws HistoryException {
        int dots = range.indexOf("..");
        if (dots < 0 || range.contains("...")) {
            throw new HistoryException(
                    "the range '" + range + "' is not of the form FROM..TO (such as origin/main..HEAD);"
                            + " give a range or a number of commits");
        }
        String from = range.substring(0, dots).trim();
        String to = range.substring(dots + 2).trim();
        try {
            walk.reset();
            walk.setFirstParent(true);
            walk.markStart(parse(resolve(to.isEmpty() ? "HEAD" : to)));
            if (!from.isEmpty()) {
                walk.markUninteresting(parse(resolve(from)));
            }
            List<RevCommit> commits = new ArrayList<>();
            for (RevCommit commit : walk) {
                commits.add(commit);
            }
            Collections.reverse(commits);
            walk.reset();
            return commits;
        } catch (IOException e) {
            throw new HistoryException("cannot walk the commits of " + range + ": " + e.getMessage(), e);
        }
    }

    private ObjectId resolve(String revision) throws HistoryException {
        try {
            ObjectId id = repository.resolve(revision + "^{commit}");
            if (id == null) {
                throw new HistoryException("git knows no commit '" + revision + "'"
                        + (revision.equals("HEAD") ? ": the repository has no commits yet" : "; check the range"));
            }
            return id;
        } catch (RevisionSyntaxException | IOException e) {
            throw new HistoryException("cannot resolve '" + revision + "' in git: " + e.getMessage(), e);
        }
    }

    private RevCommit parse(ObjectId id) throws HistoryException {
        try {
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw new HistoryException("cannot read commit " + id.name() + ": " + e.getMessage(), e);
        }
    }

    private Commit describe(RevCommit commit) throws HistoryException {
        try {
            return new Commit(commit.getName(), reader.abbreviate(commit).name(), commit.getShortMessage());
        } catch (IOException e) {
            throw new HistoryException("cannot read commit " + commit.getName() + ": " + e.getMessage(), e);
        }
    }

    // ---- the repository ----

    private static Repository open(Path directory) throws HistoryException {
        FileRepositoryBuilder builder =
                new FileRepositoryBuilder().findGitDir(realPath(directory).toFile());
        if (builder.getGitDir() == null) {
            throw new HistoryException("no git repository at or above " + directory + ": history replays the commits"
                    + " of the repository that holds the build context");
        }
        try {
            Repository repository = builder.setMustExist(true).build();
            if (repository.isBare()) {
                repository.close();
                throw new HistoryException("the git repository " + builder.getGitDir() + " is bare: history needs the"
                        + " checkout the build context is in");
            }
            return repository;
        } catch (IOException e) {
            throw new HistoryException(
                    "cannot open the git repository " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A path of the checkout as git names it, relative to the work tree ("" for the work tree itself); a file's own
     * name is kept, not followed, as git records a symlink as such.
     */
    private static String inside(Path workTree, Path path, String what) throws HistoryException {
        Path root = realPath(workTree);
        Path absolute = path.toAbsolutePath().normalize();
        Path real = absolute.getParent() == null || what.equals("build context")
                ? realPath(absolute)
                : realPath(absolute.getParent()).resolve(absolute.getFileName());
        if (!real.startsWith(root)) {
            throw new HistoryException("the " + what + " " + path + " is outside the git repository " + root
                    + ": history reads it from the commits of that repository");
        }
        return root.relativize(real).toString().replace('\\', '/');
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
