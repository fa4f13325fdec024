package io.github.dockercache.compare;

import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Why a step's own key differs from its baseline counterpart: the one place that turns two sets of
 * key inputs into named causes, down to the file and the field that changed.
 */
final class CauseFinder {
    private final Snapshot current;
    private final Snapshot baseline;
    private final StabilityPolicy policy;
    private final Path contextDir;

    /** {@code contextDir} (null when unknown) lets file causes look at the current bytes, for line endings. */
    CauseFinder(Snapshot current, Snapshot baseline, StabilityPolicy policy, Path contextDir) {
        this.current = current;
        this.baseline = baseline;
        this.policy = policy;
        this.contextDir = contextDir;
    }

    List<Cause> diff(StepSnapshot step, StepSnapshot before) {
        List<Cause> causes = new ArrayList<>();
        Set<String> names = new TreeSet<>(step.inputs().keySet());
        names.addAll(before.inputs().keySet());
        boolean instructionEdited = false;
        boolean filesCompared = false;
        boolean envChanged = false;
        for (String name : names) {
            String now = step.inputs().get(name);
            String then = before.inputs().get(name);
            if (Objects.equals(now, then) || name.startsWith(CacheModel.UNKEYED)) {
                continue;
            }
            Cause external = ExternalInputCauses.of(step, before, name, then, now);
            if (external != null) {
                causes.add(external);
                continue;
            }
            boolean shellChanged = name.equals("command") && step.text().equals(before.text())
                    && !Objects.equals(step.origins().get("shell"), before.origins().get("shell"));
            String imageField = imageConfigField(step, before, name);
            if (imageField != null && shellChanged) {
                causes.add(new Cause(CauseKind.BASE_IMAGE, imageField, before.origins().get("shell"),
                        step.origins().get("shell"), "the base image's config changed: " + imageField + " "
                        + describeValues(before.origins().get("shell"), step.origins().get("shell")),
                        Advice.PIN_BASE_IMAGE, false));
            } else if (imageField != null && !name.equals("command")) {
                causes.add(new Cause(CauseKind.BASE_IMAGE, imageField, then, now, "the base image's config changed: "
                        + imageField + " " + describeValues(then, now), Advice.PIN_BASE_IMAGE, false));
                envChanged |= name.startsWith("env:");
            } else if (name.startsWith("env:")) {
                causes.add(variableCause(step, before, name.substring(4), then, now));
                envChanged = true;
            } else if (name.endsWith(".checksum") && !name.contains(".url")) {
                if (!filesCompared) {
                    List<Cause> fileCauses = fileCauses(step, before);
                    causes.addAll(fileCauses.isEmpty()
                            ? List.of(new Cause(CauseKind.SOURCE_CONTENT, String.join(" ", step.sources()), then, now,
                                    "the content of " + String.join(" ", step.sources()) + " changed", null, false))
                            : fileCauses);
                    filesCompared = true;
                }
            } else if (name.endsWith(".content") && name.startsWith("src[")) {
                causes.add(new Cause(CauseKind.HEREDOC, step.inputs().get(name.replace(".content", "")), then, now,
                        "the here-document body changed", null, false));
            } else if (name.endsWith("stage-key")) {
                String stage = step.fromStage();
                causes.add(new Cause(CauseKind.UPSTREAM_STAGE, stage, then, now, "stage '" + stage + "' changed",
                        null, false));
            } else if (name.equals(CacheModel.LAYERS) && then != null && now != null) {
                String image = step.inputs().get("image");
                causes.add(new Cause(CauseKind.BASE_IMAGE, image, then, now, "the tag " + image
                        + " moved to an image with other layers: " + before.inputs().get(CacheModel.RECORDED_DIGEST)
                        + " -> " + step.inputs().get(CacheModel.RECORDED_DIGEST), Advice.PIN_BASE_IMAGE, false));
            } else if (name.equals("digest") && then != null && now != null) {
                causes.add(new Cause(CauseKind.BASE_IMAGE, step.inputs().get("image"), then, now,
                        "the tag " + step.inputs().get("image") + " moved to another image: " + then + " -> " + now,
                        Advice.PIN_BASE_IMAGE, false));
            } else if (name.equals("image") || name.equals("platform") || name.equals("digest")
                    || name.equals(CacheModel.LAYERS)) {
                causes.add(new Cause(CauseKind.BASE_IMAGE, name, then, now,
                        "the base image " + (name.equals("image") ? "reference" : "platform") + " changed",
                        Advice.PIN_BASE_IMAGE, false));
            } else if (name.equals("workdir") || name.equals("path")) {
                causes.add(new Cause(CauseKind.WORKDIR, name, then, now, "the working directory changed", null, false));
            } else if (name.equals(CacheModel.IMAGE_WORKDIR)) {
                causes.add(new Cause(CauseKind.WORKDIR, "workdir", then, now, now == null
                        ? "a WORKDIR now replaces the base image's own working directory, which is not known offline"
                        : "the base image's own working directory, which is not known offline, replaces a WORKDIR",
                        null, false));
            } else if (name.equals("user") || name.equals("owner")) {
                causes.add(new Cause(CauseKind.USER, name, then, now, "the USER changed", null, false));
            } else if (name.equals("created")) {
                causes.add(new Cause(CauseKind.BUILD_ARG, "SOURCE_DATE_EPOCH", then, now,
                        "SOURCE_DATE_EPOCH stamps every WORKDIR", Advice.SOURCE_DATE_EPOCH, false));
            } else if (name.equals("env-order")) {
                continue; // reported through the variables themselves, unless only the order changed
            } else if (shellChanged) {
                causes.add(new Cause(CauseKind.SHELL, "shell", before.origins().get("shell"), step.origins().get("shell"),
                        "the SHELL changed: " + before.origins().get("shell") + " -> " + step.origins().get("shell"), null, false));
            } else if (!instructionEdited) {
                causes.add(new Cause(CauseKind.INSTRUCTION, name, before.text(), step.text(),
                        describeEdit(name, then, now), null, false));
                instructionEdited = true;
            }
        }
        if (!envChanged && !Objects.equals(step.inputs().get("env-order"), before.inputs().get("env-order"))) {
            causes.add(new Cause(CauseKind.ENV, "order", before.inputs().get("env-order"), step.inputs().get("env-order"),
                    "the order of the environment variables changed", null, false));
        }
        return causes;
    }

    /**
     * The field of the base image's configuration an input comes from ({@code Env MARKER}, {@code WorkingDir}), or
     * null when it comes from the Dockerfile or the build's settings on both sides.
     */
    private static String imageConfigField(StepSnapshot step, StepSnapshot before, String name) {
        String origin = step.origins().get(name);
        if (origin == null || !origin.startsWith(CacheModel.IMAGE_CONFIG_ORIGIN)) {
            origin = before.origins().get(name);
        }
        if (origin == null || !origin.startsWith(CacheModel.IMAGE_CONFIG_ORIGIN)) {
            return null;
        }
        String field = origin.substring(CacheModel.IMAGE_CONFIG_ORIGIN.length());
        return name.startsWith("env:") ? field + " " + name.substring(4) : field;
    }

    static String describeValues(String then, String now) {
        return then == null ? "is now set to '" + now + "'"
                : now == null ? "is no longer set (was '" + then + "')"
                : "changed: '" + then + "' -> '" + now + "'";
    }

    private static String describeEdit(String name, String then, String now) {
        if (name.equals("command") || name.startsWith("heredoc")) {
            return "the command changed";
        }
        if (then == null) {
            return "the instruction gained " + name;
        }
        if (now == null) {
            return "the instruction lost " + name;
        }
        return "the instruction's " + name + " changed: " + then + " -> " + now;
    }

    private Cause variableCause(StepSnapshot step, StepSnapshot before, String variable, String then, String now) {
        String origin = step.origins().getOrDefault("env:" + variable, before.origins().get("env:" + variable));
        boolean isArg = origin != null && origin.contains("ARG");
        String detail = (isArg ? "build arg " : "ENV ") + variable + " " + describeValues(then, now)
                + (origin == null ? "" : " (" + origin + ")");
        return new Cause(isArg ? CauseKind.BUILD_ARG : CauseKind.ENV, variable, then, now, detail,
                isArg && !mentions(step.text(), variable) ? Advice.declareArgLater(variable, step) : null, false);
    }

    /** True when the instruction text refers to the variable, so a new value is a real change for it. */
    private static boolean mentions(String text, String variable) {
        return text.matches("(?s).*\\$\\{?" + Pattern.quote(variable) + "\\b.*");
    }

    /** File-level differences between the entries two steps read. */
    private List<Cause> fileCauses(StepSnapshot step, StepSnapshot before) {
        List<Cause> causes = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>(before.files());
        paths.addAll(step.files());
        Set<String> nowPaths = Set.copyOf(step.files());
        Set<String> thenPaths = Set.copyOf(before.files());
        for (String path : new TreeSet<>(paths)) {
            FileInfo now = nowPaths.contains(path) ? current.files().get(path) : null;
            FileInfo then = thenPaths.contains(path) ? baseline.files().get(path) : null;
            Cause cause = fileCause(path, then, now);
            if (cause != null && cause.kind() == CauseKind.FILE_CONTENT && contextDir != null
                    && LineEndings.onlyLineEndingsDiffer(contextDir, path, then.content())) {
                cause = new Cause(CauseKind.LINE_ENDINGS, path, then.content(), now.content(),
                        path + " changed only its line endings (CRLF vs LF)", Advice.LINE_ENDINGS, false);
            }
            if (cause != null) {
                // a manifest's new content is expected; its mode bits are not (they bust caches by accident)
                boolean expectedKind = cause.kind() != CauseKind.FILE_MODE && cause.kind() != CauseKind.FILE_TYPE
                        && cause.kind() != CauseKind.SYMLINK_TARGET;
                causes.add(cause.withExpected(expectedKind && policy.isExpectedChange(step, path)));
            }
        }
        return renames(causes);
    }

    /** A file removed at one path and added with the same content and type at another was moved. */
    private List<Cause> renames(List<Cause> causes) {
        List<Cause> result = new ArrayList<>(causes);
        for (Cause removed : causes) {
            if (removed.kind() != CauseKind.FILE_REMOVED) {
                continue;
            }
            FileInfo old = baseline.files().get(removed.subject());
            for (Cause added : causes) {
                FileInfo now = added.kind() == CauseKind.FILE_ADDED ? current.files().get(added.subject()) : null;
                if (now != null && old != null && result.contains(added) && now.type().equals(old.type())
                        && Objects.equals(now.content(), old.content()) && Objects.equals(now.target(), old.target())) {
                    result.remove(added); // first: an added path listed before the removed one shifts its index
                    result.set(result.indexOf(removed), new Cause(CauseKind.FILE_RENAMED, added.subject(), removed.subject(), added.subject(),
                            removed.subject() + " was renamed to " + added.subject(), null,
                            removed.expected() && added.expected()));
                    break;
                }
            }
        }
        return result;
    }

    private static Cause fileCause(String path, FileInfo then, FileInfo now) {
        if (then == null && now == null) {
            return null;
        }
        if (then == null) {
            return new Cause(CauseKind.FILE_ADDED, path, null, describe(now), path + " was added", Advice.forPath(path), false);
        }
        if (now == null) {
            return new Cause(CauseKind.FILE_REMOVED, path, describe(then), null, path + " was removed", Advice.forPath(path), false);
        }
        if (Objects.equals(then.digest(), now.digest())) {
            return null;
        }
        if (!then.type().equals(now.type())) {
            return new Cause(CauseKind.FILE_TYPE, path, then.type(), now.type(),
                    path + " changed from " + then.type() + " to " + now.type(), null, false);
        }
        if (!Objects.equals(then.target(), now.target())) {
            return new Cause(CauseKind.SYMLINK_TARGET, path, then.target(), now.target(),
                    "symlink " + path + " now points to " + now.target() + " (was " + then.target() + ")", null, false);
        }
        if (!Objects.equals(then.content(), now.content()) && then.parts() != null && now.parts() != null) {
            return StampedChange.cause(path, then, now);
        }
        if (!Objects.equals(then.content(), now.content()) || then.size() != now.size()) {
            String sizes = then.size() == now.size() ? "" : " (" + then.size() + " -> " + now.size() + " bytes)";
            return new Cause(CauseKind.FILE_CONTENT, path, then.content(), now.content(),
                    path + " content changed" + sizes, Advice.forPath(path), false);
        }
        if (!then.mode().equals(now.mode())) {
            return new Cause(now.type().equals("dir") ? CauseKind.DIRECTORY_MODE : CauseKind.FILE_MODE, path,
                    then.mode(), now.mode(), path + " mode bits changed " + then.mode() + " -> " + now.mode(),
                    Advice.forModeChange(then.mode(), now.mode()), false);
        }
        return new Cause(CauseKind.XATTRS, path, then.digest(), now.digest(),
                path + " metadata changed (extended attributes or device numbers)", null, false);
    }

    private static String describe(FileInfo info) {
        return info.type() + " " + info.mode() + (info.type().equals("file") ? " " + info.size() + " bytes" : "");
    }
}
