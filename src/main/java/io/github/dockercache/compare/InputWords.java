package io.github.dockercache.compare;

import io.github.dockercache.model.InputName;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A step's inputs and their changes in the words of the Dockerfile and the build's settings, for causes. */
final class InputWords {
    private InputWords() {}

    /** One changed input in the words of the Dockerfile: {@code the destination changed: /app/ -> /srv/}. */
    static String describeEdit(InputName name, String then, String now, StepSnapshot step, StepSnapshot before) {
        if (name.toString().equals("command")) {
            return "the command changed";
        }
        if (name instanceof InputName.Heredoc) {
            return "the here-document changed";
        }
        String input = inputName(name, step);
        if (then == null) {
            return input + " was added: " + now;
        }
        if (now == null) {
            return input + " was removed (was " + then + ")";
        }
        InputName.Source source = name instanceof InputName.Source s ? s : null;
        if (source != null && source.kind() == InputName.Source.Kind.MOUNT && source.part() == null) {
            return input + " changed: " + fieldChanges(then, now);
        }
        if (source != null && source.is(InputName.Source.CACHE_NAME)) {
            String settings = new InputName.Unkeyed(source.part(InputName.Source.CACHE_SETTINGS)).toString();
            String settingsThen = before.reads().inputs().get(settings);
            String settingsNow = step.reads().inputs().get(settings);
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
    private static String inputName(InputName name, StepSnapshot step) {
        if (name instanceof InputName.Source source && !"".equals(source.part())) {
            int index = source.index();
            String part = source.part();
            if (source.kind() == InputName.Source.Kind.MOUNT) {
                String mount = "--mount" + (countOf(step, source.kind()) > 1 ? " " + (index + 1) : "");
                return part == null
                        ? mount
                        : source.is(InputName.Source.CACHE_NAME)
                                ? "the cache name BuildKit keys for " + mount
                                : "what " + mount + " reads (" + partName(part) + ")";
            }
            String which = countOf(step, source.kind()) > 1 ? "source " + (index + 1) : "the source";
            return part == null ? which : which + "'s " + partName(part);
        }
        return switch (name.toString()) {
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
    private static long countOf(StepSnapshot step, InputName.Source.Kind kind) {
        return step.reads().inputs().keySet().stream()
                .filter(name -> InputName.parse(name) instanceof InputName.Source source
                        && source.kind() == kind
                        && source.part() == null)
                .count();
    }

    static String describeValues(String then, String now) {
        return then == null
                ? "is now set to '" + now + "'"
                : now == null ? "is no longer set (was '" + then + "')" : "changed: '" + then + "' -> '" + now + "'";
    }

    static String orNone(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }

    /** An input derived from a secret, for people: {@code build arg DB_PASS}, {@code the working directory}. */
    static String describeSecretInput(StepSnapshot step, StepSnapshot before, InputName name) {
        if (name instanceof InputName.Variable variable) {
            String origin = step.reads()
                    .origins()
                    .getOrDefault(name.toString(), before.reads().origins().get(name.toString()));
            return (origin != null && origin.contains("ARG") ? "build arg " : "ENV ") + variable.variable();
        }
        return switch (name.toString()) {
            case "workdir", "path" -> "the working directory";
            case "user", "owner" -> "the USER";
            default -> "the instruction's " + name;
        };
    }
}
