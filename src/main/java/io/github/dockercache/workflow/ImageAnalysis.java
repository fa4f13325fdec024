package io.github.dockercache.workflow;

import io.github.dockercache.compare.StabilityPolicy;
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
import io.github.dockercache.registry.ImageConfig;
import io.github.dockercache.registry.ImageResolutionException;
import io.github.dockercache.registry.ImageResolver;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
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
            throw unbuilt != null ? unbuilt : new WorkflowException(message, e, true);
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

    /** A warning when a COPY sends the plugin's own output, which changes on every build (cache-model §4). */
    static List<ReportLine> ownOutputCopied(Snapshot snapshot, ImageRequest request) {
        List<ReportLine> lines = new ArrayList<>();
        Path context = request.build().contextDir().toAbsolutePath().normalize();
        Path output = request.outputDirectory().toAbsolutePath().normalize();
        if (output.startsWith(context) && !output.equals(context)) {
            String prefix = context.relativize(output).toString().replace('\\', '/') + "/";
            snapshot.steps().stream()
                    .filter(step -> step.reads().files().stream().anyMatch(path -> (path + "/").startsWith(prefix)))
                    .findFirst()
                    .ifPresent(step -> lines.add(new ReportLine(
                            ReportLine.Level.WARN,
                            "Step " + step.place().id() + " ("
                                    + step.place().text() + ") copies " + prefix
                                    + ", the plugin's own output, which changes on every"
                                    + " build; add " + prefix.substring(0, prefix.indexOf('/') + 1)
                                    + " to .dockerignore")));
        }
        return lines;
    }

    /** The stability overrides that match nothing in this image. */
    static List<StabilityPolicy.Unmatched> unmatched(ImageRequest request, Analysis analysis) {
        List<String> stageNames = analysis.dockerfile().stages().stream()
                .map(stage -> stage.name() == null ? "stage-" + stage.index() : stage.name())
                .toList();
        return request.policy().unmatched(analysis.snapshot(), stageNames);
    }
}
