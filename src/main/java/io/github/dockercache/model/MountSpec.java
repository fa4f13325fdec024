package io.github.dockercache.model;

import io.github.dockercache.context.GoPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A {@code RUN --mount} value, reduced to the fields BuildKit puts into the RUN key (cache-model §5): the contents of
 * cache, secret, ssh and tmpfs mounts never count. A cache mount is keyed as the frontend builds it: its target, its
 * read-only flag, the cache name BuildKit keeps ({@link #keyedCacheId}) and what the cache starts from, which is
 * nothing, a directory made with the mount's mode, uid and gid, or the files of {@code from} under {@code source}.
 *
 * @param options the other options that enter the key: as written, but a cache mount's mode, uid and gid as the
 *     directory they make ({@code mode=0755,uid=0,gid=0}), and only when they make one
 * @param cacheId a cache mount's {@code id}, or null
 * @param sharing a cache mount's {@code sharing}, or null
 * @param invalid BuildKit's error for a value it refuses once the variables are expanded, or null
 */
record MountSpec(
        String type,
        String target,
        String source,
        String from,
        boolean readOnly,
        Map<String, String> options,
        String cacheId,
        String sharing,
        String invalid) {

    private static final List<String> KEYED_OPTIONS = List.of("mode", "uid", "gid", "required", "env", "size", "id");
    private static final List<String> SHARING = List.of("shared", "private", "locked");
    private static final Pattern OCTAL = Pattern.compile("[0-7]+");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    /** As {@link #parse(String, int)} for a mount that is not the RUN's second or later ssh mount. */
    static MountSpec parse(String value) {
        return parse(value, 0);
    }

    /**
     * Parses {@code type=bind,source=x,target=/y,...}; values are already expanded, else {@link #invalid} means nothing.
     *
     * @param sshIndex how many ssh mounts the RUN has before this one: an ssh mount without a target is keyed with
     *     the socket path the LLB client gives it, {@code /run/buildkit/ssh_agent.<index>}
     */
    static MountSpec parse(String value, int sshIndex) {
        Map<String, String> fields = new LinkedHashMap<>();
        Boolean readOnly = null;
        String invalid = null;
        for (String field : splitFields(value)) {
            int eq = field.indexOf('=');
            String written = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String key = canonicalKey(written);
            String val = eq < 0 ? "true" : field.substring(eq + 1).trim();
            if (key.equals("ro") || key.equals("rw")) { // the last of ro, rw, readonly and readwrite wins
                Boolean parsed = goBool(val);
                if (parsed != null) {
                    readOnly = parsed == key.equals("ro");
                } else if (invalid == null) {
                    invalid = "invalid value for " + written + ": " + val;
                }
            } else {
                fields.put(key, val);
            }
        }
        String type = fields.getOrDefault("type", "bind").toLowerCase(Locale.ROOT);
        String target = fields.getOrDefault("target", "");
        String source = fields.get("source");
        String from = fields.get("from");
        String sharing = fields.get("sharing");
        if (invalid == null && sharing != null && !SHARING.contains(sharing.toLowerCase(Locale.ROOT))) {
            invalid = "unsupported sharing value \"" + sharing + "\"";
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (type.equals("cache")) {
            invalid = invalid != null ? invalid : cacheDirectory(fields, source, from, options);
        } else if (type.equals("secret") || type.equals("ssh")) {
            String[] keyedTarget = {target};
            invalid = invalid != null ? invalid : socketOrSecret(type, fields, sshIndex, keyedTarget, options);
            target = keyedTarget[0];
            source = null; // a secret's source is its id; an ssh mount has none
            readOnly = true; // not in the key of either
        } else if (type.equals("tmpfs") && fields.containsKey("size")) {
            long size = ramInBytes(fields.get("size"));
            if (size < 0) {
                invalid = invalid != null ? invalid : "invalid value for size: " + fields.get("size");
            }
            options.put("size", Long.toString(size));
        } else {
            for (String key : KEYED_OPTIONS) {
                if (fields.containsKey(key)) {
                    options.put(key, fields.get(key));
                }
            }
        }
        return new MountSpec(
                type,
                target,
                source,
                from,
                readOnly == null ? type.equals("bind") : readOnly,
                options,
                fields.get("id"),
                sharing,
                invalid);
    }

    /**
     * Puts the directory a cache mount's mode, uid or gid make into {@code options}: without a source the frontend
     * creates the cache's directory with them (mode 0755, uid and gid 0 unless given), keyed on the parsed numbers;
     * beside a source it ignores them (convert_runmount.go {@code setCacheUIDGID}). Returns BuildKit's error for a
     * value that is no number, or null.
     */
    private static String cacheDirectory(
            Map<String, String> fields, String source, String from, Map<String, String> options) {
        long[] values = {0755, 0, 0};
        String[] names = {"mode", "uid", "gid"};
        boolean given = false;
        for (int i = 0; i < names.length; i++) {
            String value = fields.get(names[i]);
            if (value == null) {
                continue;
            }
            values[i] = uint32(value, i == 0 ? OCTAL : DECIMAL, i == 0 ? 8 : 10);
            if (values[i] < 0) {
                return "invalid value " + value + " for " + names[i];
            }
            given = true;
        }
        if (given && selector(source).equals("/")) {
            options.put("mode", String.format(Locale.ROOT, "%04o", values[0]));
            options.put("uid", Long.toString(values[1]));
            options.put("gid", Long.toString(values[2]));
        }
        return null;
    }

    /**
     * Puts what BuildKit keys of a secret or ssh mount into {@code options}, parsed and with the defaults written in, as
     * the frontend and the LLB client build its {@code SecretOpt} or {@code SSHOpt} (dockerfile2llb
     * {@code dispatchSecret}, {@code dispatchSSH}, client/llb {@code AddSecretWithDest}, {@code AddSSHSocket}): the
     * id (a secret's source, else its id, else the base name of its target), the target (a secret's default
     * {@code /run/secrets/<id>} unless it goes to an {@code env}; an ssh socket's {@code /run/buildkit/ssh_agent.<n>}),
     * uid, gid and mode (0, 0 and 0400 for a secret, 0600 for a socket, whichever are not given), whether it is
     * optional, and a secret's {@code env}. Returns BuildKit's error for a value it refuses, or null.
     */
    private static String socketOrSecret(
            String type, Map<String, String> fields, int sshIndex, String[] target, Map<String, String> options) {
        boolean secret = type.equals("secret");
        String id = fields.getOrDefault("id", "");
        String env = fields.get("env");
        if (secret) {
            String source = fields.getOrDefault("source", "");
            id = !source.isEmpty() ? source : !id.isEmpty() ? id : GoPath.base(target[0]);
            if (env == null && target[0].isEmpty()) {
                target[0] = "/run/secrets/" + GoPath.base(id);
            }
        } else if (target[0].isEmpty()) {
            target[0] = "/run/buildkit/ssh_agent." + sshIndex;
        }
        options.put("id", id);
        String[] names = {"uid", "gid", "mode"};
        long[] values = {0, 0, secret ? 0400 : 0600};
        for (int i = 0; i < names.length; i++) {
            String value = fields.get(names[i]);
            if (value != null) {
                values[i] = uint32(value, i == 2 ? OCTAL : DECIMAL, i == 2 ? 8 : 10);
                if (values[i] < 0) {
                    return "invalid value " + value + " for " + names[i];
                }
            }
        }
        options.put("uid", Long.toString(values[0]));
        options.put("gid", Long.toString(values[1]));
        options.put("mode", String.format(Locale.ROOT, "%04o", values[2]));
        String required = fields.getOrDefault("required", "false");
        Boolean parsed = goBool(required);
        if (parsed == null) {
            return "invalid value for required: " + required;
        }
        options.put("optional", Boolean.toString(!parsed));
        if (env != null) {
            options.put("env", env);
        }
        return null;
    }

    private static final Pattern RAM_SIZE = Pattern.compile("(\\d+(?:\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?");

    /**
     * go-units' {@code RAMInBytes}, with which the frontend reads a tmpfs {@code size}: a number with an optional
     * binary unit ({@code 1m}, {@code 1MiB}, {@code 1048576} are one size); -1 when it refuses the value.
     */
    static long ramInBytes(String value) {
        java.util.regex.Matcher matcher = RAM_SIZE.matcher(value);
        if (!matcher.matches()) {
            return -1;
        }
        double size;
        try {
            size = Double.parseDouble(matcher.group(1));
        } catch (NumberFormatException e) {
            return -1; // 1.2.3, which the pattern lets through as go-units' does, and ParseFloat refuses
        }
        String unit = matcher.group(2) == null ? "" : matcher.group(2).toLowerCase(Locale.ROOT);
        int power = "kmgtp".indexOf(unit.isEmpty() ? 'x' : unit.charAt(0)) + 1;
        return (long) (size * Math.pow(1024, power));
    }

    /** Go's {@code strconv.ParseUint(value, radix, 32)}, or -1 when it refuses the value. */
    private static long uint32(String value, Pattern digits, int radix) {
        try {
            long parsed = digits.matcher(value).matches() ? Long.parseLong(value, radix) : -1;
            return parsed > UINT32_MAX ? -1 : parsed;
        } catch (NumberFormatException e) {
            return -1; // more digits than a long holds
        }
    }

    /**
     * The mounts in the order BuildKit keys them: the LLB client sorts an ExecOp's bind, cache and tmpfs mounts by
     * target (a relative one joined to the working directory) and appends the secret files, secret variables and ssh
     * sockets after them, each kind in the order written (client/llb/exec.go {@code Marshal}).
     */
    static List<MountSpec> keyedOrder(List<MountSpec> written, String workdir) {
        List<MountSpec> ordered = new ArrayList<>(written);
        ordered.sort(Comparator.comparingInt(MountSpec::keyedGroup)
                .thenComparing(
                        mount -> mount.keyedGroup() == 0 ? mount.absoluteTarget(workdir) : "",
                        MountSpec::compareBytes));
        return ordered;
    }

    private int keyedGroup() {
        return switch (type) {
            case "secret" -> options.containsKey("env") && target.isEmpty() ? 2 : 1;
            case "ssh" -> 3;
            default -> 0;
        };
    }

    private String absoluteTarget(String workdir) {
        return GoPath.clean(target).startsWith("/") ? target : GoPath.join("/", workdir, target);
    }

    /** Go's string order: by UTF-8 bytes. */
    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** True when the mount reads files whose content enters the key: a bind mount, or a cache mount seeded from a stage or image. */
    boolean readsContent() {
        return type.equals("bind") || type.equals("cache") && from != null;
    }

    /**
     * The cache name that BuildKit keeps in the RUN's key for this mount, or null when it keeps none (cache-model §5). The
     * frontend names a cache {@code <namespace>/<id>}, the id defaulting to the cleaned target; BuildKit clears id
     * and sharing from the key unless the mount is shared and that name, or its part after the first slash, is the
     * mount's target: so a default cache mount is keyed by its namespace ({@code BUILDKIT_CACHE_MOUNT_NS}).
     *
     * @param workdir the RUN's working directory, which a relative target joins
     */
    String keyedCacheId(String namespace, String workdir) {
        if (!type.equals("cache") || !(sharing == null || sharing.equalsIgnoreCase("shared"))) {
            return null;
        }
        String id = namespace + "/" + (cacheId == null || cacheId.isEmpty() ? GoPath.clean(target) : cacheId);
        String destination = GoPath.clean(target).startsWith("/") ? target : GoPath.join("/", workdir, target);
        boolean kept =
                id.equals(destination) || id.substring(id.indexOf('/') + 1).equals(destination);
        return kept ? id : null;
    }

    /**
     * A cache mount's id and sharing as written ({@code id=,sharing=shared} for the defaults): not keyed, but what
     * explains a change of the cache name BuildKit keys.
     */
    String cacheSettings() {
        return "id=" + (cacheId == null ? "" : cacheId) + ",sharing="
                + (sharing == null ? "shared" : sharing.toLowerCase(Locale.ROOT));
    }

    /**
     * The canonical text that enters the key. A cache mount's source counts only beside {@code from}: without it the
     * source selects a directory of the cache itself, which BuildKit leaves out of the key. A bind mount's source, and
     * a cache mount's beside {@code from}, count as the cleaned path they select ({@code dir/}, {@code ./dir},
     * {@code dir/.} are {@code /dir}; none is {@code /}): {@code solver/llbsolver/ops/exec.go} {@code CacheMap} clears
     * the selector and the content under it is keyed instead.
     *
     * @param fromStage true when {@code from} names a stage
     */
    String canonical(boolean fromStage) {
        StringJoiner joiner = new StringJoiner(",");
        joiner.add("type=" + type).add("target=" + target);
        boolean cache = type.equals("cache");
        if (cache && from != null || type.equals("bind")) {
            // the solver clears the selector from the key and keys the content under it: only the path it names counts
            joiner.add("source=" + selector(source));
        } else if (source != null && !cache) {
            joiner.add("source=" + source);
        }
        if (from != null) {
            // a stage is keyed by its content, which the step reads as a source: its name is no input
            joiner.add("from=" + (fromStage ? "(stage)" : from));
        }
        joiner.add("readonly=" + readOnly);
        options.forEach((k, v) -> joiner.add(k + "=" + v));
        return joiner.toString();
    }

    /** The path of the mounted source that the frontend selects: {@code path.Join("/", source)}. */
    String selectedPath() {
        return selector(source);
    }

    private static String selector(String source) {
        return source == null ? "/" : GoPath.join("/", source);
    }

    private static String canonicalKey(String key) {
        return switch (key) {
            case "src" -> "source";
            case "dst", "destination" -> "target";
            case "readonly" -> "ro";
            case "readwrite" -> "rw";
            default -> key;
        };
    }

    /** Go's {@code strconv.ParseBool}, which the frontend reads {@code ro} and {@code rw} with; null when it refuses. */
    private static Boolean goBool(String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> null;
        };
    }

    /** Splits on commas outside double quotes, as the CSV reader BuildKit uses does. */
    private static List<String> splitFields(String value) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
