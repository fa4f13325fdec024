package io.github.dockercache.compare;

import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.FrontendArgs;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A step's inputs and their changes in the words of the Dockerfile and the build's settings, for causes. */
final class InputWords {
    /** {@code src[0].path}, {@code mount[1]}: an input of one COPY source or one RUN mount. */
    private static final Pattern SOURCE_INPUT = Pattern.compile("(src|mount)\\[(\\d+)](?:\\.(.+))?");

    private static final Pattern MOUNT_INPUT = Pattern.compile("mount\\[\\d+]");

    private InputWords() {}

    /** One changed input in the words of the Dockerfile: {@code the destination changed: /app/ -> /srv/}. */
    static String describeEdit(String name, String then, String now, StepSnapshot step, StepSnapshot before) {
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

    static String describeValues(String then, String now) {
        return then == null
                ? "is now set to '" + now + "'"
                : now == null ? "is no longer set (was '" + then + "')" : "changed: '" + then + "' -> '" + now + "'";
    }

    static String orNone(String value) {
        return value == null || value.isEmpty() ? "(none)" : value;
    }

    /** An input derived from a secret, for people: {@code build arg DB_PASS}, {@code the working directory}. */
    static String describeSecretInput(StepSnapshot step, StepSnapshot before, String name) {
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
}
