package io.github.dockercache.discovery;

import io.github.dockercache.files.BoundedFile;
import io.github.dockercache.files.FileLimitException;
import io.github.dockercache.files.IoReasons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The services of a Compose file that build an image ({@code build:}), as {@code docker compose build} builds them:
 * the context relative to the file's directory, the Dockerfile relative to the context, {@code args} as a map or a
 * list of {@code K=V}, and {@code target}.
 */
public final class ComposeFile {
    /** The names {@code docker compose} looks for, in its order: it uses the first that exists. */
    public static final List<String> NAMES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");

    static final long MAX_BYTES = 1024 * 1024;
    /** Compose interpolates {@code $NAME} and {@code ${NAME...}} from the environment and {@code .env}; {@code $$} is a dollar. */
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\$|\\{[^}]*}?|[A-Za-z_][A-Za-z0-9_]*)");

    private ComposeFile() {}

    public static FoundImages read(Path file) throws DiscoveryException {
        String origin = file.getFileName().toString();
        Object root = load(file, origin);
        if (root == null) {
            return new FoundImages(origin, List.of(), List.of());
        }
        Map<?, ?> services = map(map(root, origin, "the top level").get("services"), origin, "services");
        List<DiscoveredImage> images = new ArrayList<>();
        List<Obstacle> unchecked = new ArrayList<>();
        Path directory = file.toAbsolutePath().normalize().getParent();
        for (Map.Entry<?, ?> service : services.entrySet()) {
            String name = String.valueOf(service.getKey());
            Object build = map(service.getValue(), origin, "services." + name).get("build");
            if (build == null) {
                continue; // an image pulled, not built
            }
            String where = "services." + name + ".build";
            Map<?, ?> settings =
                    build instanceof String context ? Map.of("context", context) : map(build, origin, where);
            Obstacle problem = uncheckable(settings);
            if (problem != null) {
                unchecked.add(problem.of("service " + name));
                continue;
            }
            String context = text(settings, "context", origin, where);
            Path contextDir = directory.resolve(context == null ? "." : context).normalize();
            String dockerfile = text(settings, "dockerfile", origin, where);
            images.add(new DiscoveredImage(
                    name,
                    contextDir
                            .resolve(dockerfile == null ? "Dockerfile" : dockerfile)
                            .normalize(),
                    contextDir,
                    text(settings, "target", origin, where),
                    args(settings.get("args"), origin, where + ".args"),
                    null,
                    origin));
        }
        return new FoundImages(origin, images, unchecked);
    }

    private static Object load(Path file, String origin) throws DiscoveryException {
        String text;
        try {
            text = new String(BoundedFile.read(file, MAX_BYTES), StandardCharsets.UTF_8);
        } catch (FileLimitException e) {
            throw new DiscoveryException(origin + " " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new DiscoveryException("Cannot read " + origin + ": " + IoReasons.describe(e) + ".");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(100); // bounds the "billion laughs" expansion
        options.setNestingDepthLimit(50);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String at = mark == null ? "" : ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            throw new DiscoveryException(
                    origin + at + ": " + oneLine(e.getProblem() != null ? e.getProblem() : e.getContext()) + ".");
        } catch (YAMLException e) {
            throw new DiscoveryException(origin + ": " + oneLine(e.getMessage()) + ".");
        }
    }

    /** Why a build cannot be checked as written, or null. */
    private static Obstacle uncheckable(Map<?, ?> settings) {
        if (settings.get("dockerfile_inline") != null) {
            return new Obstacle("its Dockerfile is inline (dockerfile_inline), not a file", null, false);
        }
        if (settings.get("context") instanceof String context && context.matches("(?i)(https?|git)://.*|git@.*")) {
            return new Obstacle("its context is a remote URL (" + context + ")", null, false);
        }
        for (String key : List.of("context", "dockerfile", "target", "args")) {
            String variable = variable(settings.get(key));
            if (variable != null) {
                return new Obstacle(
                        "build." + key + " uses " + variable + ", which compose takes from the environment or .env",
                        null,
                        true);
            }
        }
        return null;
    }

    /**
     * The first variable a value interpolates, or null; a map's or list's own values only: settings are flat, and
     * walking deeper would let aliases multiply the work.
     */
    private static String variable(Object value) {
        List<Object> values = value instanceof Map<?, ?> map
                ? new ArrayList<>(map.values())
                : value instanceof List<?> list ? new ArrayList<>(list) : java.util.Collections.singletonList(value);
        for (Object item : values) {
            if (item instanceof String text) {
                Matcher matcher = VARIABLE.matcher(text);
                while (matcher.find()) {
                    if (!matcher.group(1).equals("$")) {
                        return matcher.group();
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, String> args(Object value, String origin, String where) throws DiscoveryException {
        Map<String, String> args = new LinkedHashMap<>();
        if (value == null) {
            return args;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String entry)) {
                    throw new DiscoveryException(
                            origin + ": " + where + " must list K=V strings, not " + kind(item) + ".");
                }
                int eq = entry.indexOf('=');
                putArg(args, eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
            }
            return args;
        }
        for (Map.Entry<?, ?> entry : map(value, origin, where).entrySet()) {
            Object argValue = entry.getValue();
            if (argValue instanceof Map || argValue instanceof List) {
                throw new DiscoveryException(
                        origin + ": " + where + "." + entry.getKey() + " must be a value, not " + kind(argValue) + ".");
            }
            putArg(args, String.valueOf(entry.getKey()), argValue == null ? null : scalar(argValue));
        }
        return args;
    }

    /** A name without a value takes it from the environment, as compose does; unset there, the arg is not passed. */
    private static void putArg(Map<String, String> args, String name, String value) {
        String resolved = value != null ? value.replace("$$", "$") : System.getenv(name);
        if (resolved != null) {
            args.put(name, resolved);
        }
    }

    private static String text(Map<?, ?> settings, String key, String origin, String where) throws DiscoveryException {
        Object value = settings.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new DiscoveryException(
                    origin + ": " + where + "." + key + " must be a string, not " + kind(value) + ".");
        }
        return scalar(value).replace("$$", "$");
    }

    /** YAML reads {@code 1.0} as a number and {@code true} as a boolean; compose wants their text. */
    private static String scalar(Object value) {
        return String.valueOf(value);
    }

    private static Map<?, ?> map(Object value, String origin, String where) throws DiscoveryException {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new DiscoveryException(origin + ": " + where + " must be a mapping, not " + kind(value) + ".");
        }
        return map;
    }

    private static String kind(Object value) {
        return value instanceof Map
                ? "a mapping"
                : value instanceof List
                        ? "a list"
                        : value instanceof String
                                ? "a string"
                                : "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private static String oneLine(String text) {
        return text == null ? "not valid YAML" : text.replaceAll("\\s+", " ").trim();
    }
}
