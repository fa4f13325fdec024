package io.github.dockercache.discovery;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.dockercache.files.BoundedFile;
import io.github.dockercache.files.FileLimitException;
import io.github.dockercache.files.IoReasons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The targets of a {@code docker-bake.json} that {@code docker buildx bake} builds without arguments: those of the
 * group {@code default}, else the target {@code default}, else every target. Each target takes what it
 * {@code inherits} first, its own settings over them (args merged, its own winning); the context is relative to
 * the file's directory, the Dockerfile relative to the context, as bake resolves them.
 */
public final class BakeFile {
    public static final String JSON = "docker-bake.json";
    public static final String HCL = "docker-bake.hcl";
    private static final long MAX_BYTES = 1024 * 1024;
    /** Bake evaluates {@code ${...}} and {@code %{...}} in every string, JSON included; {@code $${} is a literal. */
    private static final Pattern TEMPLATE = Pattern.compile("(?<![$%])[$%]\\{[^}]*}?");

    private static final Pattern GSON_LOCATION = Pattern.compile("(.*?) at line (\\d+) column (\\d+)(?: path \\S+)?.*");

    private BakeFile() {}

    public static FoundImages read(Path file) throws DiscoveryException {
        String origin = file.getFileName().toString();
        JsonObject root = object(parse(file, origin), origin, "the top level");
        JsonObject targets = object(root.get("target"), origin, "target");
        Path directory = file.toAbsolutePath().normalize().getParent();
        List<DiscoveredImage> images = new ArrayList<>();
        List<Obstacle> unchecked = new ArrayList<>();
        for (String name : built(root, targets, origin)) {
            Map<String, Object> settings = resolve(name, targets, origin, new LinkedHashSet<>());
            Obstacle problem = uncheckable(settings);
            if (problem != null) {
                unchecked.add(problem.of("target " + name));
                continue;
            }
            Path context =
                    directory.resolve(string(settings.get("context"), ".")).normalize();
            @SuppressWarnings("unchecked")
            Map<String, String> args = (Map<String, String>) settings.getOrDefault("args", Map.of());
            images.add(new DiscoveredImage(
                    name,
                    context.resolve(string(settings.get("dockerfile"), "Dockerfile"))
                            .normalize(),
                    context,
                    (String) settings.get("target"),
                    args,
                    null,
                    origin));
        }
        return new FoundImages(origin, images, unchecked);
    }

    /** What to say of a project whose only bake file is HCL, which this plugin does not read. */
    static Obstacle hclNotRead() {
        return new Obstacle(
                HCL + " is not read (HCL)",
                "write its resolved form with `docker buildx bake --print > " + JSON + "`",
                true);
    }

    private static JsonElement parse(Path file, String origin) throws DiscoveryException {
        try {
            return JsonParser.parseString(new String(BoundedFile.read(file, MAX_BYTES), StandardCharsets.UTF_8));
        } catch (FileLimitException e) {
            throw new DiscoveryException(origin + " " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new DiscoveryException("Cannot read " + origin + ": " + IoReasons.describe(e) + ".");
        } catch (JsonParseException e) {
            String message = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage()
                    : String.valueOf(e.getMessage());
            Matcher located = GSON_LOCATION.matcher(message.lines().findFirst().orElse(""));
            throw new DiscoveryException(
                    located.matches()
                            ? origin + ":" + located.group(2) + ":" + located.group(3) + ": " + located.group(1) + "."
                            : origin + ": not valid JSON ("
                                    + message.lines().findFirst().orElse("") + ").");
        }
    }

    /** The targets bake builds by default, groups expanded in order. */
    private static Set<String> built(JsonObject root, JsonObject targets, String origin) throws DiscoveryException {
        JsonObject groups = object(root.get("group"), origin, "group");
        Set<String> names = new LinkedHashSet<>();
        if (groups.has("default")) {
            expand("default", groups, targets, names, new LinkedHashSet<>(), origin);
        } else if (targets.has("default")) {
            names.add("default");
        } else {
            names.addAll(targets.keySet());
        }
        return names;
    }

    private static void expand(
            String group, JsonObject groups, JsonObject targets, Set<String> names, Set<String> seen, String origin)
            throws DiscoveryException {
        if (!seen.add(group)) {
            throw new DiscoveryException(origin + ": group " + group + " includes itself.");
        }
        for (String member : strings(
                object(groups.get(group), origin, "group." + group).get("targets"),
                origin,
                "group." + group + ".targets")) {
            if (groups.has(member)) {
                expand(member, groups, targets, names, seen, origin);
            } else if (targets.has(member)) {
                names.add(member);
            } else {
                throw new DiscoveryException(
                        origin + ": group " + group + " names " + member + ", which is neither a target nor a group.");
            }
        }
        seen.remove(group);
    }

    /** A target's settings with those it inherits under them: context, dockerfile, target, args, context URLs. */
    private static Map<String, Object> resolve(String name, JsonObject targets, String origin, Set<String> chain)
            throws DiscoveryException {
        if (!targets.has(name)) {
            throw new DiscoveryException(origin + ": target "
                    + List.copyOf(chain).get(chain.size() - 1) + " inherits " + name + ", which is not a target.");
        }
        if (!chain.add(name)) {
            throw new DiscoveryException(origin + ": target " + name + " inherits from itself ("
                    + String.join(" -> ", chain) + " -> " + name + ").");
        }
        String where = "target." + name;
        JsonObject target = object(targets.get(name), origin, where);
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, String> args = new LinkedHashMap<>();
        for (String parent : strings(target.get("inherits"), origin, where + ".inherits")) {
            Map<String, Object> inherited = resolve(parent, targets, origin, chain);
            @SuppressWarnings("unchecked")
            Map<String, String> parentArgs = (Map<String, String>) inherited.remove("args");
            if (parentArgs != null) {
                args.putAll(parentArgs);
            }
            settings.putAll(inherited);
        }
        for (String key : List.of("context", "dockerfile", "target", "dockerfile-inline")) {
            if (target.has(key) && !target.get(key).isJsonNull()) {
                settings.put(key, string(target.get(key), origin, where + "." + key));
            }
        }
        for (Map.Entry<String, JsonElement> arg :
                object(target.get("args"), origin, where + ".args").entrySet()) {
            if (arg.getValue().isJsonNull()) {
                args.remove(arg.getKey()); // bake: a null arg is not passed
            } else {
                args.put(arg.getKey(), string(arg.getValue(), origin, where + ".args." + arg.getKey()));
            }
        }
        settings.put("args", args);
        chain.remove(name);
        return settings;
    }

    /** Why a target cannot be checked as written, or null. */
    private static Obstacle uncheckable(Map<String, Object> settings) {
        if (settings.get("dockerfile-inline") != null) {
            return new Obstacle("its Dockerfile is inline (dockerfile-inline), not a file", null, false);
        }
        String context = (String) settings.get("context");
        if (context != null && context.matches("(?i)(https?|git)://.*|git@.*|docker-image://.*|target:.*")) {
            return new Obstacle("its context is not a local directory (" + context + ")", null, false);
        }
        List<Object> values = new ArrayList<>(settings.values());
        @SuppressWarnings("unchecked")
        Map<String, String> args = (Map<String, String>) settings.get("args");
        values.addAll(args.values());
        for (Object value : values) {
            if (value instanceof String text) {
                Matcher matcher = TEMPLATE.matcher(text);
                if (matcher.find()) {
                    return new Obstacle(
                            "it uses the expression " + matcher.group() + ", which bake evaluates",
                            "write the resolved file with `docker buildx bake --print`",
                            true);
                }
            }
        }
        return null;
    }

    private static JsonObject object(JsonElement element, String origin, String where) throws DiscoveryException {
        if (element == null || element.isJsonNull()) {
            return new JsonObject();
        }
        if (!element.isJsonObject()) {
            throw new DiscoveryException(origin + ": " + where + " must be an object, not " + kind(element) + ".");
        }
        return element.getAsJsonObject();
    }

    private static List<String> strings(JsonElement element, String origin, String where) throws DiscoveryException {
        List<String> values = new ArrayList<>();
        if (element == null || element.isJsonNull()) {
            return values;
        }
        if (!element.isJsonArray()) {
            throw new DiscoveryException(
                    origin + ": " + where + " must be a list of names, not " + kind(element) + ".");
        }
        for (JsonElement item : element.getAsJsonArray()) {
            values.add(string(item, origin, where));
        }
        return values;
    }

    private static String string(JsonElement element, String origin, String where) throws DiscoveryException {
        if (!element.isJsonPrimitive()) {
            throw new DiscoveryException(origin + ": " + where + " must be a string, not " + kind(element) + ".");
        }
        return element.getAsString();
    }

    private static String string(Object value, String fallback) {
        return value == null ? fallback : (String) value;
    }

    private static String kind(JsonElement element) {
        return element.isJsonObject()
                ? "an object"
                : element.isJsonArray() ? "a list" : element.isJsonNull() ? "null" : "a value";
    }
}
