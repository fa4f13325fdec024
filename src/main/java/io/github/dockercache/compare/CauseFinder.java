package io.github.dockercache.compare;

import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.EarlierKeys;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.FrontendArgs;
import io.github.dockercache.model.LayerEntries;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * (a file whose content and mode bits both changed has two), so that an expected one never hides another.
 */
final class CauseFinder {
    /** {@code src[0].path}, {@code mount[1]}: an input of one COPY source or one RUN mount. */
    private static final Pattern SOURCE_INPUT = Pattern.compile("(src|mount)\\[(\\d+)](?:\\.(.+))?");

    private static final Pattern MOUNT_INPUT = Pattern.compile("mount\\[\\d+]");

    private final Snapshot current;
    private final Snapshot baseline;
    private final StabilityPolicy policy;
    private final DependencyChange dependencies;
    private final Path contextDir;
    /** True when BUILDKIT_CACHE_MOUNT_NS differs, which names the cache that a mount without an id keys. */
    private final boolean cacheNamespaceChanged;

    /** {@code contextDir} (null when unknown) lets file causes look at the current bytes, for line endings. */
    CauseFinder(
            Snapshot current,
            Snapshot baseline,
            StabilityPolicy policy,
            DependencyChange dependencies,
            Path contextDir) {
        this.current = current;
        this.baseline = baseline;
        this.policy = policy;
        this.dependencies = dependencies;
        this.contextDir = contextDir;
        this.cacheNamespaceChanged = !Objects.equals(
                current.buildArgs().get(FrontendArgs.CACHE_MOUNT_NS),
                baseline.buildArgs().get(FrontendArgs.CACHE_MOUNT_NS));
    }

    List<Cause> diff(StepSnapshot step, StepSnapshot before) {
        List<Cause> causes = new ArrayList<>();
        Set<String> names = new TreeSet<>(step.inputs().keySet());
        names.addAll(before.inputs().keySet());
        Map<String, String[]> edits = new LinkedHashMap<>();
        boolean filesCompared = false;
        boolean envChanged = false;
        List<String> withheld = new ArrayList<>();
        Map<String, List<String>> notComparable = new LinkedHashMap<>();
        Set<String> earlierMounts = EarlierKeys.cacheMountsKeyedOtherwise(before);
        boolean mountsKeyedOtherwise = false;
        for (String name : names) {
            String now = step.inputs().get(name);
            String then = before.inputs().get(name);
            if (name.startsWith(CacheModel.UNKEYED)) {
                continue; // recorded to explain the keyed inputs, never a cause of its own
            }
            if (Secrets.WITHHELD.equals(now) && Secrets.WITHHELD.equals(then)) {
                withheld.add(describeSecretInput(step, before, name));
            }
            if (Objects.equals(now, then)) {
                continue;
            }
            if (EarlierKeys.isAbout(earlierMounts, name)) {
                mountsKeyedOtherwise = true; // one cause for all of them, below
                continue;
            }
            if (Secrets.isMasked(then) || Secrets.isMasked(now)) {
                String notCompared = notComparedBecause(then, now);
                if (notCompared == null) {
                    causes.add(secretCause(step, before, name, then, now));
                } else {
                    notComparable
                            .computeIfAbsent(notCompared, reason -> new ArrayList<>())
                            .add(describeSecretInput(step, before, name));
                }
                envChanged |= name.startsWith("env:");
                continue;
            }
            Cause external = ExternalInputCauses.of(step, before, name, then, now, cacheNamespaceChanged);
            if (external != null) {
                causes.add(external);
                continue;
            }
            boolean shellChanged = name.equals("command")
                    && step.text().equals(before.text())
                    && !Objects.equals(
                            step.origins().get("shell"), before.origins().get("shell"));
            String imageField = imageConfigField(step, before, name);
            if (imageField != null && shellChanged) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        imageField,
                        before.origins().get("shell"),
                        step.origins().get("shell"),
                        "the base image's config changed: " + imageField + " "
                                + describeValues(
                                        before.origins().get("shell"),
                                        step.origins().get("shell")),
                        Advice.PIN_BASE_IMAGE));
            } else if (imageField != null && !name.equals("command")) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        imageField,
                        then,
                        now,
                        "the base image's config changed: " + imageField + " " + describeValues(then, now),
                        Advice.PIN_BASE_IMAGE));
                envChanged |= name.startsWith("env:");
            } else if (name.startsWith("env:")) {
                causes.add(variableCause(step, before, name.substring(4), then, now));
                envChanged = true;
            } else if (name.endsWith(".checksum") && !name.contains(".url")) {
                if (!filesCompared) {
                    List<Cause> fileCauses = fileCauses(step, before);
                    causes.addAll(
                            fileCauses.isEmpty()
                                    ? List.of(new Cause(
                                            CauseKind.SOURCE_CONTENT,
                                            String.join(" ", step.sources()),
                                            then,
                                            now,
                                            "the content of " + String.join(" ", step.sources()) + " changed",
                                            null))
                                    : fileCauses);
                    filesCompared = true;
                }
            } else if (name.endsWith(".content") && name.startsWith("src[")) {
                causes.add(new Cause(
                        CauseKind.HEREDOC,
                        step.inputs().get(name.replace(".content", "")),
                        then,
                        now,
                        "the here-document body changed",
                        null));
            } else if (name.endsWith(".layer-content")) {
                Cause layer = layerCause(
                        step, before, name.substring(0, name.length() - ".layer-content".length()), then, now);
                causes.add(
                        layer.entries() == null
                                ? layer
                                : layer.expectedBecause(policy.expectation(layer.entries(), dependencies)));
            } else if (name.endsWith(".extraction")) {
                causes.add(new Cause(
                        CauseKind.UPSTREAM_STAGE,
                        step.fromStage(),
                        then,
                        now,
                        "stage '" + step.fromStage()
                                + "' extracts the jar otherwise: its base image, WORKDIR, USER, command or Spring Boot's jarmode"
                                + " changed",
                        null));
            } else if (name.endsWith("stage-key")) {
                String stageInput = name.substring(name.indexOf(':') + 1).replace("stage-key", "stage");
                String stage = step.inputs()
                        .getOrDefault(
                                CacheModel.UNKEYED + stageInput,
                                step.inputs().getOrDefault(stageInput, step.fromStage()));
                causes.add(
                        new Cause(CauseKind.UPSTREAM_STAGE, stage, then, now, "stage '" + stage + "' changed", null));
            } else if (name.equals(CacheModel.LAYERS) && then != null && now != null) {
                String image = step.inputs().get("image");
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        image,
                        then,
                        now,
                        "the tag " + image
                                + " moved to an image with other layers: "
                                + before.inputs().get(CacheModel.RECORDED_DIGEST)
                                + " -> " + step.inputs().get(CacheModel.RECORDED_DIGEST),
                        Advice.PIN_BASE_IMAGE));
            } else if (name.equals(CacheModel.DIGEST) && then != null && now != null) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        step.inputs().get("image"),
                        then,
                        now,
                        "the tag " + step.inputs().get("image") + " moved to another image: " + then + " -> " + now,
                        Advice.PIN_BASE_IMAGE));
            } else if (name.equals("image") || name.equals(CacheModel.PLATFORM)) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        name,
                        then,
                        now,
                        "the base image" + (name.equals("image") ? "" : "'s platform") + " changed: " + orNone(then)
                                + " -> " + orNone(now),
                        Advice.PIN_BASE_IMAGE));
            } else if (name.equals(CacheModel.DIGEST) || name.equals(CacheModel.LAYERS)) {
                causes.add(new Cause(
                        CauseKind.BASE_IMAGE,
                        name,
                        then,
                        now,
                        "the base image's recorded " + (name.equals(CacheModel.DIGEST) ? "digest " : "layers ")
                                + describeValues(then, now),
                        Advice.PIN_BASE_IMAGE));
            } else if (name.equals("workdir") || name.equals("path")) {
                causes.add(new Cause(CauseKind.WORKDIR, name, then, now, "the working directory changed", null));
            } else if (name.equals(CacheModel.IMAGE_WORKDIR)) {
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
                        "build arg SOURCE_DATE_EPOCH " + describeValues(then, now) + ", and it stamps every WORKDIR",
                        Advice.SOURCE_DATE_EPOCH));
            } else if (name.equals("env-order")) {
                continue; // reported through the variables themselves, unless only the order changed
            } else if (shellChanged) {
                causes.add(new Cause(
                        CauseKind.SHELL,
                        "shell",
                        before.origins().get("shell"),
                        step.origins().get("shell"),
                        "the SHELL changed: " + before.origins().get("shell") + " -> "
                                + step.origins().get("shell"),
                        null));
            } else {
                edits.put(name, new String[] {then, now});
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
                        step.inputs().get("env-order"), before.inputs().get("env-order"))) {
            causes.add(new Cause(
                    CauseKind.ENV,
                    "order",
                    before.inputs().get("env-order"),
                    step.inputs().get("env-order"),
                    "the order of the environment variables changed",
                    null));
        }
        return causes;
    }

    /**
     * A layer extracted from a jar holds other entries: which were added, removed or changed, named by the jar's
     * entry names; {@code source} is the step's source input ({@code src[0]}).
     */
    private Cause layerCause(StepSnapshot step, StepSnapshot before, String source, String then, String now) {
        String input = CacheModel.UNKEYED + source + "." + LayerEntries.INPUT;
        LayerEntries held = LayerEntries.parse(step.inputs().get(input));
        LayerEntries baselineHeld = LayerEntries.parse(before.inputs().get(input));
        if (held == null) {
            return new Cause(
                    CauseKind.SOURCE_CONTENT,
                    String.join(" ", step.sources()),
                    then,
                    now,
                    "the content of " + String.join(" ", step.sources()) + " changed",
                    null);
        }
        EntryChanges entries =
                EntryChanges.between(baselineHeld == null ? null : baselineHeld.entries(), held.entries());
        String layer = "layer '" + held.layer() + "' of " + held.jar();
        if (baselineHeld == null) {
            // the baseline predates reading layers from the jar: its key differs, not necessarily the layer
            return new Cause(
                    CauseKind.JAR_LAYER,
                    held.jar(),
                    then,
                    now,
                    layer + " is now read from the jar (the" + " baseline was recorded without it)",
                    null,
                    "the baseline was recorded without the layer's entries; record it again",
                    null);
        }
        if (entries.hasContentChanges()
                || (!held.rewritten() && !entries.restamped().isEmpty())) {
            // a library whose own entries differ only in build times is still other bytes in the layer
            String advice = entries.hasContentChanges() ? null : Advice.RESTAMPED_LIBRARIES;
            return new Cause(
                    CauseKind.JAR_LAYER,
                    held.jar(),
                    then,
                    now,
                    layer + " changed: " + entries.describe(!held.rewritten()),
                    advice,
                    null,
                    entries);
        }
        if (held.rewritten()) {
            // the application jar that Spring Boot writes carries the time of the extraction: new bytes on every run
            FileInfo jar = current.files().get(held.jar());
            String restamped = entries.restamped().isEmpty()
                    ? ""
                    : " (its entries were re-stamped with another build time: "
                            + entries.restamped().size() + ")";
            return new Cause(
                    CauseKind.JAR_LAYER,
                    held.jar(),
                    then,
                    now,
                    layer + " changed: Spring Boot writes its"
                            + " application jar anew, with the time of the extraction, whenever " + held.jar()
                            + " changes"
                            + restamped,
                    jar == null || entries.restamped().isEmpty()
                            ? null
                            : ReproducibleArchives.advice(held.jar(), jar, entries.restamped()),
                    null,
                    entries);
        }
        return new Cause(
                CauseKind.JAR_LAYER,
                held.jar(),
                then,
                now,
                layer + " changed: the same entries, extracted" + " otherwise",
                null,
                null,
                entries);
    }

    /**
     * The options, sources or command of the instruction that changed. Edited text is one cause, with the edit shown as
     * a word diff; unchanged text means a variable in it expands to something else now: the build arg that changed
     * where one did, else the variable's effect.
     */
    private List<Cause> editCauses(StepSnapshot step, StepSnapshot before, Map<String, String[]> edits) {
        List<String> phrases = new ArrayList<>();
        edits.forEach((name, values) -> phrases.add(describeEdit(name, values[0], values[1], step, before)));
        String what = String.join("; ", phrases);
        String firstName = edits.keySet().iterator().next();
        if (!step.text().equals(before.text())) {
            return List.of(new Cause(CauseKind.INSTRUCTION, firstName, before.text(), step.text(), what, null));
        }
        List<Cause> causes = new ArrayList<>();
        Set<String> args = new TreeSet<>(current.buildArgs().keySet());
        args.addAll(baseline.buildArgs().keySet());
        for (String arg : args) {
            String then = baseline.buildArgs().get(arg);
            String now = current.buildArgs().get(arg);
            if (!Objects.equals(then, now) && mentions(step.text(), arg)) {
                causes.add(new Cause(
                        CauseKind.BUILD_ARG,
                        arg,
                        then,
                        now,
                        "build arg " + arg + " " + describeValues(then, now) + " (--build-arg " + arg + "), so " + what,
                        null));
            }
        }
        if (causes.isEmpty()) {
            String[] first = edits.get(firstName);
            causes.add(new Cause(
                    CauseKind.INSTRUCTION,
                    firstName,
                    first[0],
                    first[1],
                    "the instruction is unchanged, but a variable in it now expands to another value: " + what,
                    null));
        }
        return causes;
    }

    /** One changed input in the words of the Dockerfile: {@code the destination changed: /app/ -> /srv/}. */
    private static String describeEdit(String name, String then, String now, StepSnapshot step, StepSnapshot before) {
        if (name.equals("command")) {
            return "the command changed";
        }
        if (name.startsWith("heredoc")) {
            return "the here-document changed";
        }
        String input = inputName(name, step);
        if (then == null) {
            return input + " was added: " + now;
        }
        if (now == null) {
            return input + " was removed (was " + then + ")";
        }
        if (MOUNT_INPUT.matcher(name).matches()) {
            return input + " changed: " + fieldChanges(then, now);
        }
        if (name.endsWith(FrontendArgs.CACHE_NAME)) {
            String settings = CacheModel.UNKEYED
                    + name.substring(0, name.length() - FrontendArgs.CACHE_NAME.length())
                    + FrontendArgs.CACHE_SETTINGS;
            String settingsThen = before.inputs().get(settings);
            String settingsNow = step.inputs().get(settings);
            String why = settingsThen == null || settingsNow == null || settingsThen.equals(settingsNow)
                    ? ""
                    : " (its " + fieldChanges(settingsThen, settingsNow) + ")";
            return input + " changed" + why + ": " + then + " -> " + now + "; BuildKit keys a cache mount's name only"
                    + " while its sharing is shared and its id is its target";
        }
        return input + " changed: " + orNone(then) + " -> " + orNone(now);
    }

    /**
     * The fields of two {@code key=value,...} lists that differ, in words: {@code uid 1000 -> 1001, id (none) ->
     * named}; the whole values when either is no such list.
     */
    private static String fieldChanges(String then, String now) {
        Map<String, String> before = fields(then);
        Map<String, String> after = fields(now);
        if (before == null || after == null) {
            return then + " -> " + now;
        }
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> changes = new ArrayList<>();
        for (String key : keys) {
            String was = before.get(key);
            String is = after.get(key);
            if (!Objects.equals(was, is)) {
                changes.add(key + " " + orNone(was) + " -> " + orNone(is));
            }
        }
        return changes.isEmpty() ? then + " -> " + now : String.join(", ", changes);
    }

    /** A {@code key=value,...} list, or null when a field has no {@code =} or a key comes twice. */
    private static Map<String, String> fields(String list) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : list.split(",", -1)) {
            int eq = field.indexOf('=');
            if (eq < 0 || fields.put(field.substring(0, eq), field.substring(eq + 1)) != null) {
                return null;
            }
        }
        return fields;
    }

    /** What an input is, as the user wrote it in the Dockerfile or the build's settings. */
    private static String inputName(String name, StepSnapshot step) {
        Matcher source = SOURCE_INPUT.matcher(name);
        if (source.matches()) {
            int index = Integer.parseInt(source.group(2));
            String part = source.group(3);
            if (source.group(1).equals("mount")) {
                String mount = "--mount" + (countOf(step, "mount") > 1 ? " " + (index + 1) : "");
                return part == null
                        ? mount
                        : FrontendArgs.CACHE_NAME.equals("." + part)
                                ? "the cache name BuildKit keys for " + mount
                                : "what " + mount + " reads (" + partName(part) + ")";
            }
            String which = countOf(step, "src") > 1 ? "source " + (index + 1) : "the source";
            return part == null ? which : which + "'s " + partName(part);
        }
        return switch (name) {
            case "dest" -> "the destination";
            case "chown", "chmod", "exclude", "unpack", "security" -> "--" + name;
            case "network" -> "the network (RUN --network, else the build's --network)";
            case "config" -> "the value";
            case "stage" -> "the stage it builds on";
            default -> "the input " + name;
        };
    }

    private static String partName(String part) {
        return switch (part) {
            case "path" -> "path";
            case "stage" -> "stage";
            case "image" -> "image";
            case "parents" -> "--parents pattern";
            case "url" -> "URL";
            case "git" -> "git repository";
            default -> part;
        };
    }

    /** How many COPY sources or RUN mounts the step has, as its inputs name them. */
    private static long countOf(StepSnapshot step, String kind) {
        return step.inputs().keySet().stream()
                .filter(name -> name.matches(Pattern.quote(kind) + "\\[\\d+]"))
                .count();
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
        return then == null
                ? "is now set to '" + now + "'"
                : now == null ? "is no longer set (was '" + then + "')" : "changed: '" + then + "' -> '" + now + "'";
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }

    private Cause variableCause(StepSnapshot step, StepSnapshot before, String variable, String then, String now) {
        String origin =
                step.origins().getOrDefault("env:" + variable, before.origins().get("env:" + variable));
        boolean isArg = origin != null && origin.contains("ARG");
        String detail = (isArg ? "build arg " : "ENV ") + variable + " " + describeValues(then, now)
                + (origin == null ? "" : " (" + origin + ")");
        return new Cause(
                isArg ? CauseKind.BUILD_ARG : CauseKind.ENV,
                variable,
                then,
                now,
                detail,
                isArg && !mentions(step.text(), variable) ? Advice.declareArgLater(variable, step) : null);
    }

    /** A change to a value derived from a secret, compared through the key: named, never shown. */
    private static Cause secretCause(StepSnapshot step, StepSnapshot before, String name, String then, String now) {
        String origin = step.origins().getOrDefault(name, before.origins().get(name));
        boolean variable = name.startsWith("env:");
        boolean isArg = variable && origin != null && origin.contains("ARG");
        String subject = variable ? name.substring(4) : name;
        String what = describeSecretInput(step, before, name);
        CauseKind kind = variable
                ? (isArg ? CauseKind.BUILD_ARG : CauseKind.ENV)
                : name.equals("workdir") || name.equals("path")
                        ? CauseKind.WORKDIR
                        : name.equals("user") || name.equals("owner") ? CauseKind.USER : CauseKind.INSTRUCTION;
        String change = then == null ? " is now set" : now == null ? " is no longer set" : " changed";
        return new Cause(
                kind,
                subject,
                null,
                null,
                what + change + "; it depends on a secret, so its value is not" + " shown"
                        + (origin == null ? "" : " (" + origin + ")"),
                isArg ? Advice.SECRET_MOUNT : null);
    }

    /** An input derived from a secret, for people: {@code build arg DB_PASS}, {@code the working directory}. */
    private static String describeSecretInput(StepSnapshot step, StepSnapshot before, String name) {
        if (name.startsWith("env:")) {
            String origin = step.origins().getOrDefault(name, before.origins().get(name));
            return (origin != null && origin.contains("ARG") ? "build arg " : "ENV ") + name.substring(4);
        }
        return switch (name) {
            case "workdir", "path" -> "the working directory";
            case "user", "owner" -> "the USER";
            default -> "the instruction's " + name;
        };
    }

    /** Why two values, one of them masked, cannot be compared; null when they are two MACs under one key. */
    private static String notComparedBecause(String then, String now) {
        if (then == null || now == null) {
            return null; // added or removed: a change whatever the value
        }
        String thenKey = Secrets.keyIdOf(then);
        String nowKey = Secrets.keyIdOf(now);
        if (thenKey != null && thenKey.equals(nowKey)) {
            return null;
        }
        if (Secrets.isLegacy(then) || !Secrets.isMasked(then) || !Secrets.isMasked(now)) {
            return "the baseline holds another form (recorded by an earlier version, or while the build arg was not"
                    + " secret)";
        }
        if (thenKey == null) {
            return "the baseline was recorded without a secret key";
        }
        return nowKey == null ? "no secret key is configured" : "the baseline was recorded with another secret key";
    }

    /** True when the instruction text refers to the variable, so a new value is a real change for it. */
    private static boolean mentions(String text, String variable) {
        return text.matches("(?s).*\\$\\{?" + Pattern.quote(variable) + "\\b.*");
    }

    /** File-level differences between the entries two steps read, each judged expected or not on its own. */
    private List<Cause> fileCauses(StepSnapshot step, StepSnapshot before) {
        List<Cause> causes = new ArrayList<>();
        Set<String> paths = new LinkedHashSet<>(before.files());
        paths.addAll(step.files());
        Set<String> nowPaths = Set.copyOf(step.files());
        Set<String> thenPaths = Set.copyOf(before.files());
        for (String path : new TreeSet<>(paths)) {
            FileInfo now = nowPaths.contains(path) ? current.files().get(path) : null;
            FileInfo then = thenPaths.contains(path) ? baseline.files().get(path) : null;
            for (Cause cause : pathCauses(path, then, now, step.sources())) {
                causes.add(cause.expectedBecause(policy.expectation(path, cause.kind(), dependencies)));
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
                FileInfo now =
                        added.kind() == CauseKind.FILE_ADDED ? current.files().get(added.subject()) : null;
                if (now != null
                        && old != null
                        && result.contains(added)
                        && now.type().equals(old.type())
                        && FileInfo.sameDigest(now.content(), old.content())
                        && Objects.equals(now.target(), old.target())) {
                    result.remove(added); // first: an added path listed before the removed one shifts its index
                    result.set(
                            result.indexOf(removed),
                            new Cause(
                                    CauseKind.FILE_RENAMED,
                                    added.subject(),
                                    removed.subject(),
                                    added.subject(),
                                    removed.subject() + " was renamed to " + added.subject(),
                                    null,
                                    removed.expected() && added.expected() ? added.expectedBecause() : null));
                    break;
                }
            }
        }
        return result;
    }

    /**
     * Every difference of one path: added, removed or another type; else its link target, its content and its mode
     * bits, each a cause of its own; metadata alone when nothing else differs.
     */
    private List<Cause> pathCauses(String path, FileInfo then, FileInfo now, List<String> sources) {
        if (then == null && now == null) {
            return List.of();
        }
        if (then == null) {
            return List.of(new Cause(
                    CauseKind.FILE_ADDED,
                    path,
                    null,
                    describe(now),
                    path + " was added",
                    Advice.forPath(path, sources)));
        }
        if (now == null) {
            return List.of(new Cause(
                    CauseKind.FILE_REMOVED,
                    path,
                    describe(then),
                    null,
                    path + " was removed",
                    Advice.forPath(path, sources)));
        }
        if (FileInfo.sameDigest(then.digest(), now.digest())) {
            return List.of();
        }
        if (!then.type().equals(now.type())) {
            return List.of(new Cause(
                    CauseKind.FILE_TYPE,
                    path,
                    then.type(),
                    now.type(),
                    path + " changed from " + then.type() + " to " + now.type(),
                    null));
        }
        List<Cause> causes = new ArrayList<>();
        if (!Objects.equals(then.target(), now.target())) {
            causes.add(new Cause(
                    CauseKind.SYMLINK_TARGET,
                    path,
                    then.target(),
                    now.target(),
                    "symlink " + path + " now points to " + now.target() + " (was " + then.target() + ")",
                    null));
        }
        if (!FileInfo.sameDigest(then.content(), now.content()) || then.size() != now.size()) {
            causes.add(contentCause(path, then, now, sources));
        }
        if (!then.mode().equals(now.mode())) {
            causes.add(new Cause(
                    modeKind(now.type(), then.mode(), now.mode()),
                    path,
                    then.mode(),
                    now.mode(),
                    path + " mode bits changed " + then.mode() + " -> " + now.mode(),
                    Advice.forModeChange(then.mode(), now.mode())));
        }
        if (causes.isEmpty()) {
            causes.add(new Cause(
                    CauseKind.XATTRS,
                    path,
                    then.digest(),
                    now.digest(),
                    path + " metadata changed (extended attributes or device numbers)",
                    null));
        }
        return causes;
    }

    /** Umask bits first: a directory's 0755 -> 0775 is what another umask at checkout leaves, on any builder. */
    private static CauseKind modeKind(String type, String before, String after) {
        if (Advice.onlyUmaskBitsDiffer(before, after)) {
            return CauseKind.UMASK_MODE;
        }
        return type.equals("dir") ? CauseKind.DIRECTORY_MODE : CauseKind.FILE_MODE;
    }

    /** A content change: only build-time stamps, only line endings, or the bytes. */
    private Cause contentCause(String path, FileInfo then, FileInfo now, List<String> sources) {
        Cause cause;
        if (then.parts() != null && now.parts() != null) {
            cause = StampedChange.cause(path, then, now, sources);
        } else {
            String sizes = then.size() == now.size() ? "" : " (" + then.size() + " -> " + now.size() + " bytes)";
            cause = new Cause(
                    CauseKind.FILE_CONTENT,
                    path,
                    then.content(),
                    now.content(),
                    path + " content changed" + sizes,
                    Advice.forPath(path, sources));
        }
        if (cause.kind() == CauseKind.FILE_CONTENT
                && contextDir != null
                && LineEndings.onlyLineEndingsDiffer(contextDir, path, then.content())) {
            return new Cause(
                    CauseKind.LINE_ENDINGS,
                    path,
                    then.content(),
                    now.content(),
                    path + " changed only its line endings (CRLF vs LF)",
                    Advice.LINE_ENDINGS);
        }
        return cause;
    }

    private static String describe(FileInfo info) {
        return info.type() + " " + info.mode() + (info.type().equals("file") ? " " + info.size() + " bytes" : "");
    }
}
