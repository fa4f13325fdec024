package io.github.dockercache.compare;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.EarlierKeys;
import io.github.dockercache.model.FrontendArgs;
import io.github.dockercache.model.InputName;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a step's own key differs from its baseline counterpart: the one place that turns two sets of
 * key inputs into named causes, down to the file and the field that changed. Every difference is a cause of its own
 * (a file whose content and mode bits both changed has two), so that an expected one never hides another. The causes
 * in files are {@link FileCauses}', those of secrets {@link SecretCauses}', the words for inputs {@link InputWords}'.
 */
final class CauseFinder {
    /** Where an ARG's origin says it is declared ({@code --build-arg X, declared by ARG at line 3}). */
    private static final Pattern ARG_LINE = Pattern.compile("ARG at line (\\d+)");

    /** A here-document's opening in an instruction's first line: {@code <<EOF}, {@code <<-"EOF"}. */
    private static final Pattern HEREDOC = Pattern.compile("<<-?[\"']?[A-Za-z_]");

    private final Snapshot current;
    private final Snapshot baseline;
    private final StabilityPolicy policy;
    private final DependencyChange dependencies;
    /** The causes in the files the step reads. */
    private final FileCauses files;
    /** True when BUILDKIT_CACHE_MOUNT_NS differs, which names the cache that a mount without an id keys. */
    private final boolean cacheNamespaceChanged;

    /**
     * {@code contextDir} (null when unknown) lets file causes look at the current bytes, for line endings;
     * {@code context} (null when unknown), at what its ignore file excludes.
     */
    CauseFinder(
            Snapshot current,
            Snapshot baseline,
            StabilityPolicy policy,
            DependencyChange dependencies,
            Path contextDir,
            BuildContext context) {
        this.current = current;
        this.baseline = baseline;
        this.policy = policy;
        this.dependencies = dependencies;
        this.files = new FileCauses(current, baseline, policy, dependencies, contextDir, context);
        this.cacheNamespaceChanged = !Objects.equals(
                current.buildArgs().get(FrontendArgs.CACHE_MOUNT_NS),
                baseline.buildArgs().get(FrontendArgs.CACHE_MOUNT_NS));
    }

    List<Cause> diff(StepSnapshot step, StepSnapshot before) {
        List<Cause> causes = new ArrayList<>();
        Set<String> names = new TreeSet<>(step.reads().inputs().keySet());
        names.addAll(before.reads().inputs().keySet());
        Map<InputName, String[]> edits = new LinkedHashMap<>();
        boolean filesCompared = false;
        boolean envChanged = false;
        List<String> withheld = new ArrayList<>();
        Map<String, List<String>> notComparable = new LinkedHashMap<>();
        Set<InputName.Source> earlierMounts = EarlierKeys.cacheMountsKeyedOtherwise(before);
        boolean mountsKeyedOtherwise = false;
        for (String name : names) {
            String now = step.reads().inputs().get(name);
            String then = before.reads().inputs().get(name);
            InputName input = InputName.parse(name);
            InputName.Source source = input.bare() instanceof InputName.Source s ? s : null;
            if (!input.keyed() || EarlierKeys.isStageName(input)) {
                continue; // recorded to explain the keyed inputs (or a stage name an earlier version keyed), no cause
            }
            if (Secrets.WITHHELD.equals(now) && Secrets.WITHHELD.equals(then)) {
                withheld.add(InputWords.describeSecretInput(step, before, input));
            }
            if (Objects.equals(now, then)) {
                continue;
            }
            if (EarlierKeys.isAbout(earlierMounts, input)) {
                mountsKeyedOtherwise = true; // one cause for all of them, below
                continue;
            }
            if (Secrets.isMasked(then) || Secrets.isMasked(now)) {
                String notCompared = SecretCauses.notComparedBecause(then, now);
                if (notCompared == null) {
                    causes.add(SecretCauses.secretCause(step, before, input, then, now));
                } else {
                    notComparable
                            .computeIfAbsent(notCompared, reason -> new ArrayList<>())
                            .add(InputWords.describeSecretInput(step, before, input));
                }
                envChanged |= input instanceof InputName.Variable;
                continue;
            }
            Cause external = ExternalInputCauses.of(step, before, input, then, now, cacheNamespaceChanged);
            if (external != null) {
                causes.add(external);
                continue;
            }
            boolean shellChanged = name.equals("command")
                    && step.place().text().equals(before.place().text())
                    && !Objects.equals(
                            step.reads().origins().get("shell"),
                            before.reads().origins().get("shell"));
            String imageField = imageConfigField(step, before, input);
            if (imageField != null && shellChanged) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        imageField,
                        before.reads().origins().get("shell"),
                        step.reads().origins().get("shell"),
                        "the base image's config changed: " + imageField + " "
                                + InputWords.describeValues(
                                        before.reads().origins().get("shell"),
                                        step.reads().origins().get("shell")),
                        Advice.PIN_BASE_IMAGE));
            } else if (imageField != null && !name.equals("command")) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        imageField,
                        then,
                        now,
                        "the base image's config changed: " + imageField + " " + InputWords.describeValues(then, now),
                        Advice.PIN_BASE_IMAGE));
                envChanged |= input instanceof InputName.Variable;
            } else if (input instanceof InputName.Variable variable) {
                causes.add(variableCause(step, before, variable, then, now));
                envChanged = true;
            } else if (source != null && source.is(InputName.Source.CHECKSUM)) {
                if (!filesCompared) {
                    List<Cause> fileCauses = files.of(step, before);
                    // a checksum over another selection differs even when no file did: the selection is the cause
                    boolean selectionChanged = !Objects.equals(
                            step.reads().inputs().get(source.whole().toString()),
                            before.reads().inputs().get(source.whole().toString()));
                    if (!fileCauses.isEmpty()) {
                        causes.addAll(fileCauses);
                    } else if (!selectionChanged) {
                        causes.add(new Cause(
                                CauseKind.SOURCE_CONTENT,
                                String.join(" ", step.reads().sources()),
                                then,
                                now,
                                "the content of "
                                        + String.join(" ", step.reads().sources()) + " changed",
                                null));
                    }
                    filesCompared = true;
                }
            } else if (input instanceof InputName.Source content
                    && content.kind() == InputName.Source.Kind.COPY
                    && content.is(InputName.Source.CONTENT)) {
                causes.add(new Cause(
                        CauseKind.HEREDOC,
                        step.reads().inputs().get(content.whole().toString()),
                        then,
                        now,
                        "the here-document body changed",
                        null));
            } else if (input instanceof InputName.Source layerSource
                    && layerSource.is(InputName.Source.LAYER_CONTENT)) {
                Cause layer = files.layerCause(step, before, layerSource.whole(), then, now);
                causes.add(
                        layer.entries() == null
                                ? layer
                                : layer.expectedBecause(policy.expectation(layer.entries(), dependencies)));
            } else if (source != null && source.is(InputName.Source.EXTRACTION)) {
                // what the extraction builds on changed (a dependency manifest copied before the jar, often): it
                // changes the extracted files only if a step there writes into them, so it never fails the step;
                // alone it leaves the step unknown, beside a change of the layer's own entries they decide
                causes.add(new Cause(
                                CauseKind.UPSTREAM_STAGE,
                                step.reads().fromStage(),
                                then,
                                now,
                                "the extraction in stage '" + step.reads().fromStage()
                                        + "' runs on other inputs: a step before the jar's COPY, the stage's base"
                                        + " image, WORKDIR, USER, the command or Spring Boot's jarmode changed",
                                null)
                        .expectedBecause("the extracted files differ only if a step before the extraction writes into"
                                + " them, which only a real build shows"));
            } else if (source != null && source.is(InputName.Source.STAGE_KEY)) {
                InputName stageInput = source.part(InputName.Source.STAGE);
                String stage = step.reads()
                        .inputs()
                        .getOrDefault(
                                new InputName.Unkeyed(stageInput).toString(),
                                step.reads()
                                        .inputs()
                                        .getOrDefault(
                                                stageInput.toString(),
                                                step.reads().fromStage()));
                causes.add(
                        new Cause(CauseKind.UPSTREAM_STAGE, stage, then, now, "stage '" + stage + "' changed", null));
            } else if (input.equals(InputName.LAYERS) && then != null && now != null) {
                String image = step.reads().inputs().get("image");
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        image,
                        then,
                        now,
                        "the tag " + image
                                + " moved to an image with other layers: "
                                + before.reads().inputs().get(InputName.RECORDED_DIGEST.toString())
                                + " -> " + step.reads().inputs().get(InputName.RECORDED_DIGEST.toString()),
                        Advice.PIN_BASE_IMAGE));
            } else if (input.equals(InputName.DIGEST) && then != null && now != null) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        step.reads().inputs().get("image"),
                        then,
                        now,
                        "the tag " + step.reads().inputs().get("image") + " moved to another image: " + then + " -> "
                                + now,
                        Advice.PIN_BASE_IMAGE));
            } else if (input.equals(InputName.IMAGE) || input.equals(InputName.PLATFORM)) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        name,
                        then,
                        now,
                        "the base image" + (name.equals("image") ? "" : "'s platform") + " changed: "
                                + InputWords.orNone(then) + " -> " + InputWords.orNone(now),
                        Advice.PIN_BASE_IMAGE));
            } else if (input.equals(InputName.DIGEST) || input.equals(InputName.LAYERS)) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        name,
                        then,
                        now,
                        "the base image's recorded " + (input.equals(InputName.DIGEST) ? "digest " : "layers ")
                                + InputWords.describeValues(then, now),
                        Advice.PIN_BASE_IMAGE));
            } else if (name.equals("workdir") || name.equals("path")) {
                causes.add(new Cause(CauseKind.WORKDIR, name, then, now, "the working directory changed", null));
            } else if (input.equals(InputName.IMAGE_WORKDIR)) {
                causes.add(new Cause(
                        CauseKind.WORKDIR,
                        "workdir",
                        then,
                        now,
                        now == null
                                ? "a WORKDIR now replaces the base image's own working directory, which is not known offline"
                                : "the base image's own working directory, which is not known offline, replaces a WORKDIR",
                        null));
            } else if (name.equals("user") || name.equals("owner")) {
                causes.add(new Cause(CauseKind.USER, name, then, now, "the USER changed", null));
            } else if (name.equals("created")) {
                causes.add(new Cause(
                        CauseKind.BUILD_ARG,
                        "SOURCE_DATE_EPOCH",
                        then,
                        now,
                        "build arg SOURCE_DATE_EPOCH " + InputWords.describeValues(then, now)
                                + ", and it stamps every WORKDIR",
                        Advice.SOURCE_DATE_EPOCH));
            } else if (name.equals("env-order")) {
                continue; // reported through the variables themselves, unless only the order changed
            } else if (shellChanged) {
                causes.add(new Cause(
                        CauseKind.SHELL,
                        "shell",
                        before.reads().origins().get("shell"),
                        step.reads().origins().get("shell"),
                        "the SHELL changed: " + before.reads().origins().get("shell") + " -> "
                                + step.reads().origins().get("shell"),
                        null));
            } else {
                edits.put(input, new String[] {then, now});
            }
        }
        if (!edits.isEmpty()) {
            causes.addAll(editCauses(step, before, edits));
        }
        if (mountsKeyedOtherwise) {
            causes.add(new Cause(
                    CauseKind.BASELINE_FORMAT,
                    "--mount",
                    null,
                    null,
                    "the baseline was recorded by an"
                            + " older version, which keyed cache mounts without the cache name BuildKit keeps for their id and"
                            + " sharing, so this step's cache mounts cannot be compared with it",
                    Advice.RECORD_BASELINE));
        }
        notComparable.forEach((reason, inputs) -> causes.add(new Cause(
                CauseKind.SECRET_NOT_COMPARED,
                String.join(", ", inputs),
                null,
                null,
                String.join(", ", inputs) + (inputs.size() == 1 ? " depends" : " depend")
                        + " on a secret and cannot be compared: " + reason,
                Advice.SECRET_KEY)));
        if (!withheld.isEmpty()) {
            // the step's unknown reason says why and what to do
            causes.add(new Cause(
                    CauseKind.SECRET_NOT_COMPARED,
                    String.join(", ", withheld),
                    null,
                    null,
                    String.join(", ", withheld) + " depend" + (withheld.size() == 1 ? "s" : "") + " on a secret",
                    null));
        }
        if (!envChanged
                && !Objects.equals(
                        step.reads().inputs().get("env-order"),
                        before.reads().inputs().get("env-order"))) {
            causes.add(new Cause(
                    CauseKind.ENV,
                    "order",
                    before.reads().inputs().get("env-order"),
                    step.reads().inputs().get("env-order"),
                    "the order of the environment variables changed",
                    null));
        }
        return causes;
    }

    /**
     * The options, sources or command of the instruction that changed. Edited text is one cause, with the edit shown as
     * a word diff; unchanged text means a variable in it expands to something else now: the build arg that changed
     * where one did, else the variable's effect.
     */
    private List<Cause> editCauses(StepSnapshot step, StepSnapshot before, Map<InputName, String[]> edits) {
        List<String> phrases = new ArrayList<>();
        edits.forEach((name, values) -> phrases.add(InputWords.describeEdit(name, values[0], values[1], step, before)));
        String what = String.join("; ", phrases);
        InputName firstName = edits.keySet().iterator().next();
        if (!step.place().text().equals(before.place().text())) {
            return List.of(new Cause(
                    CauseKind.INSTRUCTION,
                    firstName.toString(),
                    before.place().text(),
                    step.place().text(),
                    what,
                    null));
        }
        List<Cause> causes = new ArrayList<>();
        Set<String> args = new TreeSet<>(current.buildArgs().keySet());
        args.addAll(baseline.buildArgs().keySet());
        for (String arg : args) {
            String then = baseline.buildArgs().get(arg);
            String now = current.buildArgs().get(arg);
            if (!Objects.equals(then, now) && mentions(step.place().text(), arg)) {
                causes.add(new Cause(
                        CauseKind.BUILD_ARG,
                        arg,
                        then,
                        now,
                        "build arg " + arg + " " + InputWords.describeValues(then, now) + " (--build-arg " + arg
                                + "), so " + what,
                        null));
            }
        }
        if (causes.isEmpty()) {
            String[] first = edits.get(firstName);
            // a step's text is its first line: a here-document's body, below it, changed where that line did not
            causes.add(new Cause(
                    CauseKind.INSTRUCTION,
                    firstName.toString(),
                    first[0],
                    first[1],
                    (HEREDOC.matcher(step.place().text()).find()
                                    ? "the here-document changed: "
                                    : "the instruction is unchanged, but a variable in it now expands to another value: ")
                            + what,
                    null));
        }
        return causes;
    }

    /**
     * The field of the base image's configuration an input comes from ({@code Env MARKER}, {@code WorkingDir}), or
     * null when it comes from the Dockerfile or the build's settings on both sides.
     */
    private static String imageConfigField(StepSnapshot step, StepSnapshot before, InputName name) {
        String origin = step.reads().origins().get(name.toString());
        if (origin == null || !origin.startsWith(CacheModel.IMAGE_CONFIG_ORIGIN)) {
            origin = before.reads().origins().get(name.toString());
        }
        if (origin == null || !origin.startsWith(CacheModel.IMAGE_CONFIG_ORIGIN)) {
            return null;
        }
        String field = origin.substring(CacheModel.IMAGE_CONFIG_ORIGIN.length());
        return name instanceof InputName.Variable variable ? field + " " + variable.variable() : field;
    }

    private Cause variableCause(
            StepSnapshot step, StepSnapshot before, InputName.Variable input, String then, String now) {
        String variable = input.variable();
        String origin = step.reads()
                .origins()
                .getOrDefault(input.toString(), before.reads().origins().get(input.toString()));
        boolean isArg = origin != null && origin.contains("ARG");
        if (isArg && now == null && current.buildArgs().containsKey(variable)) {
            // Still given, but no ARG above the step declares it any more (an ARG moved below it, or removed): the
            // edit is the one that keeps it out of this step, so moving the ARG is no fix.
            return new Cause(
                    CauseKind.BUILD_ARG,
                    variable,
                    then,
                    null,
                    "build arg " + variable + " is no longer in its environment (was '" + then + "', " + origin
                            + "): the build still gives it, but no ARG above this step declares it now",
                    null);
        }
        String detail = (isArg ? "build arg " : "ENV ") + variable + " " + InputWords.describeValues(then, now)
                + (origin == null ? "" : " (" + origin + ")");
        return new Cause(
                isArg ? CauseKind.BUILD_ARG : CauseKind.ENV,
                variable,
                then,
                now,
                detail,
                isArg && !mentions(step.place().text(), variable) && !usedBefore(step, variable, origin)
                        ? Advice.declareArgLater(variable, step)
                        : null);
    }

    /**
     * True when a step of the stage between the ARG and this one uses the variable: the declaration cannot move below
     * this step, so moving it is no fix (a RUN gets every ARG in scope in its environment).
     */
    private boolean usedBefore(StepSnapshot step, String variable, String origin) {
        Matcher declared = ARG_LINE.matcher(origin);
        int from = declared.find() ? Integer.parseInt(declared.group(1)) : 0;
        return current.steps().stream()
                .anyMatch(other -> other.place().stageIndex() == step.place().stageIndex()
                        && other.place().line() > from
                        && other.place().line() < step.place().line()
                        && mentions(other.place().text(), variable));
    }

    /** True when the instruction text refers to the variable, so a new value is a real change for it. */
    private static boolean mentions(String text, String variable) {
        return text.matches("(?s).*\\$\\{?" + Pattern.quote(variable) + "\\b.*");
    }
}
