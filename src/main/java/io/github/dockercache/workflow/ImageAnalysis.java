package io.github.dockercache.workflow;

import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ContextException;
import io.github.dockercache.dockerfile.BaseImageConfig;
import io.github.dockercache.dockerfile.BaseImageConfigs;
import io.github.dockercache.files.IoReasons;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BaseImage;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Dependencies;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import io.github.dockercache.registry.ImageConfig;
import io.github.dockercache.registry.ImageResolutionException;
import io.github.dockercache.registry.ImageResolver;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part every goal but history shares: the image's snapshot computed (base images as the baseline recorded them,
 * or as the registries answer), with the project's dependencies, and written to the output directory.
 */
public final class ImageAnalysis {
    /** The snapshot every goal that computes one writes into the output directory. */
    public static final String SNAPSHOT_FILE = "snapshot.json";

    private static final String STAT_CACHE_FILE = "stat-cache.json";

    private ImageAnalysis() {}

    /**
     * Computes the snapshot, with the project's dependencies (the build tool's list where there is one, and the digests
     * of the manifests at the top of the context), and writes it; refuses (without writing) when the image copies an
     * unfinished build output.
     */
    static Analysis analyseAndStore(ImageRequest request, ImageDigests digests) throws WorkflowException {
        UnfinishedOutputs outputs = new UnfinishedOutputs(request);
        Analysis analysis;
        Path statCache = request.outputDirectory().resolve(STAT_CACHE_FILE);
        Path context = realContext(request.build().contextDir());
        StatCacheShare share = request.invocation().statCaches();
        StatCacheShare.startFrom(share, context, statCache);
        try {
            analysis =
                    CacheModel.analyse(request.build(), statCache, request.progress(), digests, imageConfigs(request));
            share.wrote(context, statCache);
        } catch (AnalysisException e) {
            String message = request.shown(e.getMessage());
            if (e.getCause() instanceof ImageResolutionException) {
                message += " (" + request.hints().setting("resolve", "false") + ")";
            }
            WorkflowException unbuilt = outputs.missingSource(e, message);
            throw unbuilt != null ? unbuilt : new WorkflowException(message + foundAbove(e, request), e, true);
        }
        Dependencies dependencies = new Dependencies(
                request.dependencies(),
                request.modules(),
                DependencyManifests.digests(
                        request.build().contextDir(), request.policy().manifests()));
        analysis = new Analysis(
                analysis.snapshot().withDependencies(dependencies),
                analysis.dockerfile(),
                analysis.dockerfileText(),
                analysis.context(),
                analysis.secretExposures());
        outputs.requireFinished(analysis.snapshot());
        Path file = request.outputDirectory().resolve(SNAPSHOT_FILE);
        try {
            SnapshotStore.write(file, analysis.snapshot());
        } catch (IOException e) {
            throw new WorkflowException("Cannot write the snapshot " + file + ": " + IoReasons.describe(e), e, false);
        }
        return analysis;
    }

    /** The context as the build's images are matched on it: {@code .} and {@code ../app} may name the same one. */
    private static Path realContext(Path contextDir) {
        try {
            return contextDir.toRealPath();
        } catch (IOException e) {
            return contextDir.toAbsolutePath().normalize(); // the scan reports why it cannot read it
        }
    }

    /**
     * What FROM, {@code COPY --from=<image>} and {@code RUN --mount=from=<image>} are keyed on. Offline: what the
     * baseline recorded (the tag is assumed not to have moved). With {@code resolve}: the registry's answer, as far as
     * the baseline recorded the same (else the keys could not be compared, and the user is told to record the baseline
     * with resolve): the digest alone where the baseline has no layers, nothing where it has no digest.
     */
    static ImageDigests imageDigests(ImageRequest request, Snapshot baseline, List<ReportLine> lines) {
        Map<String, BaseImage> recorded = baseline == null ? Map.of() : ImageDigests.recordedIn(baseline);
        if (!request.resolve()) {
            return (reference, platform) -> recorded.get(reference);
        }
        ImageDigests registry = ImageDigests.resolving(new ImageResolver());
        Set<String> warned = new HashSet<>();
        return (reference, platform) -> {
            if (baseline == null) {
                return registry.imageOf(reference, platform);
            }
            BaseImage then = recorded.get(reference);
            if (then == null) {
                if (!reference.contains("@") && warned.add(reference)) {
                    lines.add(new ReportLine(
                            ReportLine.Level.WARN,
                            "The baseline records no digest for " + reference
                                    + ", so a moved tag cannot be told: record the baseline with " + resolving(request)
                                    + "."));
                }
                return null;
            }
            BaseImage now = registry.imageOf(reference, platform);
            if (then.layers() == null) {
                if (warned.add(reference)) {
                    lines.add(new ReportLine(
                            ReportLine.Level.WARN,
                            "The baseline records no layers for " + reference
                                    + ", so a tag pushed again with the same layers looks like a new image: record the"
                                    + " baseline again with " + resolving(request) + "."));
                }
                return BaseImage.ofDigest(now.digest());
            }
            return now;
        };
    }

    /**
     * With {@code resolve}, the registry's image configurations, for the build checks that need them; an image whose
     * configuration cannot be read is left unknown, so those checks are not made for it (never a guessed warning).
     */
    private static BaseImageConfigs imageConfigs(ImageRequest request) {
        if (!request.resolve()) {
            return BaseImageConfigs.NONE;
        }
        ImageResolver resolver = new ImageResolver();
        Map<String, Optional<BaseImageConfig>> fetched = new HashMap<>();
        return (reference, platform) -> fetched.computeIfAbsent(reference + " " + platform, key -> {
            try {
                ImageConfig config = resolver.config(reference, platform);
                return Optional.of(
                        new BaseImageConfig(config.env(), config.os(), config.architecture(), config.variant()));
            } catch (ImageResolutionException e) {
                return Optional.empty();
            }
        });
    }

    /** The baseline goal with registry resolution on, as the user would run it here. */
    private static String resolving(ImageRequest request) {
        Hints hints = request.hints();
        return hints.goal("baseline") + " " + hints.setting("resolve", "true");
    }

    /**
     * A warning for each of the plugin's own files that a step copies: its output directory, which changes on every
     * build, and the baseline, which changes whenever it is recorded; each rebuilds that step again and again.
     *
     * @param baselineFile the baseline file this goal reads or writes, or null when it is not a local file
     */
    static List<ReportLine> ownOutputCopied(Snapshot snapshot, ImageRequest request, Path baselineFile) {
        Path context = request.build().contextDir().toAbsolutePath().normalize();
        List<ReportLine> lines = new ArrayList<>();
        String output = insideContext(context, request.outputDirectory());
        if (output != null) {
            // the output directory sits in the build's output (target/): that whole directory is never context
            String ignore = (output + "/").substring(0, (output + "/").indexOf('/') + 1);
            copiedBy(snapshot, output)
                    .ifPresent(step -> lines.add(ownFileCopied(
                            step, output + "/", "the plugin's own output, which changes on every build", ignore)));
        }
        String baseline = baselineFile == null ? null : insideContext(context, baselineFile);
        if (baseline != null) {
            // its default directory holds nothing else; another directory may, so only the file is named
            String ignore = baseline.startsWith(BASELINE_DIRECTORY + "/") ? BASELINE_DIRECTORY + "/" : baseline;
            copiedBy(snapshot, baseline)
                    .ifPresent(step -> lines.add(ownFileCopied(
                            step, baseline, "the baseline, which changes whenever it is recorded", ignore)));
        }
        return lines;
    }

    /** How many directories above the context a missing source is looked for. */
    private static final int LEVELS_ABOVE = 3;

    /**
     * For a COPY source missing from the context that a directory above it holds, as when a module's Dockerfile is
     * built from the reactor root ({@code docker build -f app/Dockerfile .}): where it is and what to set; else "".
     */
    private static String foundAbove(AnalysisException failure, ImageRequest request) {
        if (!(failure.getCause() instanceof ContextException cause)
                || cause.missingPath() == null
                || cause.missingPath().isEmpty()) {
            return "";
        }
        Path context = request.build().contextDir().toAbsolutePath().normalize();
        Path above = context.getParent();
        for (int level = 0; above != null && level < LEVELS_ABOVE; level++, above = above.getParent()) {
            if (Files.exists(above.resolve(cause.missingPath()), LinkOption.NOFOLLOW_LINKS)) {
                String shown = request.show(above);
                return ". It is in " + (shown.equals(".") ? "the reactor's root directory" : shown + "/")
                        + ": if this image is built from there, set "
                        + request.hints().parameter("context") + " to that directory (docs/discovery.md)";
            }
        }
        return "";
    }

    /** The directory the baseline is in by default ({@code .dockercache/baseline.json}). */
    private static final String BASELINE_DIRECTORY = ".dockercache";

    /** {@code file} relative to {@code context} with {@code /}, or null when it is not below it. */
    private static String insideContext(Path context, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(context) && !absolute.equals(context)
                ? context.relativize(absolute).toString().replace('\\', '/')
                : null;
    }

    /** The first step that reads {@code path} or an entry below it. */
    private static Optional<StepSnapshot> copiedBy(Snapshot snapshot, String path) {
        String prefix = path + "/";
        return snapshot.steps().stream()
                .filter(step -> step.reads().files().stream().anyMatch(read -> (read + "/").startsWith(prefix)))
                .findFirst();
    }

    private static ReportLine ownFileCopied(StepSnapshot step, String shown, String what, String ignore) {
        return new ReportLine(
                ReportLine.Level.WARN,
                "Step " + step.place().id() + " (" + step.place().text() + ") copies " + shown + ", " + what + "; add "
                        + ignore + " to .dockerignore");
    }

    /** The stability overrides that match nothing in this image. */
    static List<StabilityPolicy.Unmatched> unmatched(ImageRequest request, Analysis analysis) {
        List<String> stageNames = analysis.dockerfile().stages().stream()
                .map(stage -> stage.name() == null ? "stage-" + stage.index() : stage.name())
                .toList();
        return request.policy().unmatched(analysis.snapshot(), stageNames);
    }
}
