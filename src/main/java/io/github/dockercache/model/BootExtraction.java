package io.github.dockercache.model;

import io.github.dockercache.dockerfile.RunInstruction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A RUN that splits a Spring Boot jar into layer directories with the jar's own jarmode, in the forms Spring Boot
 * documents ({@code java -Djarmode=tools -jar application.jar extract --layers --destination extracted}, and the
 * {@code -Djarmode=layertools ... extract} of Spring Boot 2.3 to 3.2), and what each layer directory then holds,
 * read from the jar itself. BuildKit reuses a {@code COPY --from} of such a directory when the files come out
 * byte-identical (it hashes content and mode bits, never mtimes), so a layer whose entries are unchanged stays cached
 * even though the jar, and so the extraction, changed.
 *
 * <p>Only the documented forms are recognised; anything else (other options, other JVM options, a shell expression)
 * leaves the COPY unknown, as before. One file: the commands and their layers are one contract with Spring Boot.
 */
final class BootExtraction {
    /** How the layers are laid out, after Spring Boot's {@code ExtractCommand}. */
    enum Mode {
        /**
         * {@code -Djarmode=tools extract --layers}: each library as {@code <layer>/lib/<name>.jar}, the application as
         * a new jar {@code <layer>/<jar name>} made of the classes, and no loader.
         */
        TOOLS,
        /** {@code -Djarmode=tools extract --layers --launcher}: every entry at its own path under its layer. */
        TOOLS_LAUNCHER,
        /** {@code -Djarmode=layertools extract}: as {@link #TOOLS_LAUNCHER}. */
        LAYERTOOLS
    }

    /**
     * The command as parsed.
     *
     * @param jar the {@code -jar} argument as written
     * @param destination the {@code --destination} as written, or null for the default
     * @param layers the layers asked for; empty for all
     */
    record Command(Mode mode, String jar, String destination, Set<String> layers) {}

    /**
     * A context jar that a COPY puts into a stage, and what that COPY is keyed on besides the jar's content.
     *
     * @param contextPath the jar in the build context
     * @param imagePath where it lands in the stage, absolute
     * @param checksum the jar's checksum as the COPY is keyed on it (content and mode bits)
     * @param parentKey the key the COPY builds on, or null when unknown
     * @param inputs the COPY's key inputs without the jar's checksum
     */
    record JarCopy(
            String contextPath,
            String imagePath,
            String checksum,
            String parentKey,
            List<Map.Entry<String, String>> inputs) {}

    /**
     * What a COPY of one directory of the extraction reads: {@code content} when it is known from the jar, else
     * {@code problem} says why not (the extraction would fail, or the jar cannot be read).
     */
    record LayerSource(SourceContent content, String problem) {}

    private static final Pattern PLAIN_WORD = Pattern.compile("[\\w./=:,@+-]+");
    private static final String LOADER_PREFIX = "org.springframework.boot.loader.";
    /** Hex digits of an entry's digest that a snapshot records for explanations (64 bits). */
    private static final int RECORDED_DIGEST_HEX = 16;

    private final Command command;
    private final JarCopy jar;
    private final String destination;
    private final String environment;
    private final Path contextDir;
    private Map<String, Layer> layers;
    private String problem;
    private String tool;
    /** In the non-launcher layout, the layer that holds the application jar the extraction writes, else null. */
    private String applicationJarLayer;

    /** A layer's entries as recorded (name to {@code checksum@stamp}) and the digest of what its directory holds. */
    private record Layer(SortedMap<String, String> entries, String digest) {}

    /**
     * One entry a layer holds: what keys it (the whole digest, and the times where the layer keeps them) and what a
     * snapshot records of it to explain a change ({@link #copied}, {@link #rewritten}).
     */
    private record Held(String keyed, String recorded) {}

    private BootExtraction(Command command, JarCopy jar, String destination, String environment, Path contextDir) {
        this.command = command;
        this.jar = jar;
        this.destination = destination;
        this.environment = environment;
        this.contextDir = contextDir;
    }

    /**
     * The extraction a RUN performs on the jar the step before it copied, or null when the RUN is not one of the
     * documented forms or does not extract that jar.
     *
     * @param workdir the RUN's working directory; where it is the base image's own, which is unknown offline, as if the
     *     image set none: a layer directory is recognised only when a COPY names it at that path, which, were the
     *     image's directory another, would not exist, and the build would fail
     * @param environment what besides the jar decides the extraction's output (the stage up to the COPY, the COPY's
     *     and the RUN's own inputs), or null when it is not known offline
     */
    static BootExtraction of(RunInstruction run, JarCopy jar, String workdir, String environment, Path contextDir) {
        Command command = jar == null ? null : parse(run);
        if (command == null) {
            return null;
        }
        String jarPath = CacheModel.resolvePath(workdir, command.jar());
        String written = command.destination() != null
                ? command.destination()
                : command.mode() == Mode.TOOLS || command.mode() == Mode.TOOLS_LAUNCHER
                        ? command.jar()
                                .substring(command.jar().lastIndexOf('/') + 1)
                                .replaceFirst("\\.jar$", "")
                        : ".";
        if (!jarPath.equals(jar.imagePath())) {
            return null;
        }
        return new BootExtraction(command, jar, CacheModel.resolvePath(workdir, written), environment, contextDir);
    }

    /** The documented command forms; null for anything else. */
    static Command parse(RunInstruction run) {
        if (!run.mounts().isEmpty() || !run.heredocs().isEmpty()) {
            return null;
        }
        List<String> words;
        if (run.shellForm()) {
            words = List.of(run.command().get(0).strip().split("\\s+"));
            if (!words.stream().allMatch(word -> PLAIN_WORD.matcher(word).matches())) {
                return null; // quotes, variables, operators: a shell expression, not the plain command
            }
        } else {
            words = run.command();
        }
        if (words.size() < 5
                || !(words.get(0).equals("java") || words.get(0).endsWith("/java"))
                || !words.get(2).equals("-jar")
                || !words.get(3).endsWith(".jar")
                || !words.get(4).equals("extract")) {
            return null;
        }
        List<String> options = words.subList(5, words.size());
        return switch (words.get(1)) {
            case "-Djarmode=tools" -> toolsCommand(words.get(3), options);
            case "-Djarmode=layertools" -> layertoolsCommand(words.get(3), options);
            default -> null;
        };
    }

    /** {@code extract} of {@code spring-boot-jarmode-tools}: {@code --layers} is required here, as it makes the layers. */
    private static Command toolsCommand(String jar, List<String> options) {
        boolean layered = false;
        boolean launcher = false;
        String destination = null;
        Set<String> layers = new LinkedHashSet<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            boolean hasValue = i + 1 < options.size() && !options.get(i + 1).startsWith("--");
            switch (option) {
                case "--layers" -> {
                    layered = true;
                    if (hasValue) {
                        layers.addAll(List.of(options.get(++i).split(",", -1)));
                    }
                }
                case "--launcher" -> launcher = true;
                case "--force" -> {} // extracts into a directory that is not empty: the same files
                case "--destination" -> {
                    if (!hasValue) {
                        return null;
                    }
                    destination = options.get(++i);
                }
                default -> {
                    return null; // --libraries, --application-filename, or what this release does not know
                }
            }
        }
        return layered ? new Command(launcher ? Mode.TOOLS_LAUNCHER : Mode.TOOLS, jar, destination, layers) : null;
    }

    /** {@code extract} of {@code spring-boot-jarmode-layertools}: {@code --destination}, then the layers to extract. */
    private static Command layertoolsCommand(String jar, List<String> options) {
        String destination = null;
        Set<String> layers = new LinkedHashSet<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option.equals("--destination") && i + 1 < options.size()) {
                destination = options.get(++i);
            } else if (option.startsWith("--")) {
                return null;
            } else {
                layers.add(option);
            }
        }
        return new Command(Mode.LAYERTOOLS, jar, destination, layers);
    }

    /**
     * What a {@code COPY --from} of {@code source} (as written, relative to the stage's root) reads, when it names one
     * layer directory of this extraction; null when it names anything else.
     */
    LayerSource read(String source) {
        String path = CacheModel.resolvePath("/", source);
        if (!path.startsWith(destination.equals("/") ? "/" : destination + "/")) {
            return null;
        }
        String name = path.substring(destination.equals("/") ? 1 : destination.length() + 1);
        if (name.isEmpty() || name.contains("/")) {
            return null;
        }
        if (layers == null) {
            readJar();
        }
        String what = "layer '" + name + "' of " + jar.contextPath();
        if (problem != null) {
            return new LayerSource(null, problem);
        }
        Layer layer = layers.get(name);
        if (layer == null) {
            return new LayerSource(
                    null,
                    "Spring Boot's extraction makes no directory " + path + ": the jar's layers are "
                            + String.join(", ", layers.keySet()));
        }
        List<Map.Entry<String, String>> inputs = new ArrayList<>();
        inputs.add(Map.entry(InputName.Source.LAYER_CONTENT, layer.digest()));
        String key =
                environment == null ? null : Keys.hash("extraction", environment, List.of(Map.entry("tool", tool)));
        inputs.add(InputName.upstream(InputName.Source.EXTRACTION).entry(String.valueOf(key)));
        inputs.add(InputName.unkeyed(LayerEntries.INPUT)
                .entry(new LayerEntries(jar.contextPath(), name, layer.entries(), name.equals(applicationJarLayer))
                        .toJson()));
        String reason = what + " is read from the jar; BuildKit reuses this step if the extracted files come out"
                + " byte-identical, which only a real build shows when what the extraction runs on changed";
        return new LayerSource(new SourceContent(inputs, List.of(), null, reason, key != null), null);
    }

    private void readJar() {
        layers = new LinkedHashMap<>();
        try {
            if (contextDir == null) {
                throw new BootJar.UnusableJarException(jar.contextPath() + " is not on disk (a context read from git):"
                        + " its layers cannot be read");
            }
            BootJar boot = BootJar.read(contextDir.resolve(jar.contextPath()), jar.contextPath());
            String main = boot.attribute("Main-Class");
            if (main == null || !main.startsWith(LOADER_PREFIX)) {
                throw new BootJar.UnusableJarException(
                        jar.contextPath() + " is not a Spring Boot jar (its Main-Class is " + main
                                + "): java runs the application instead of the jarmode");
            }
            tool = toolDigest(boot);
            LinkedHashMap<String, List<String>> index = boot.layers(jar.contextPath());
            for (String layer : index.keySet()) {
                if (command.layers().isEmpty() || command.layers().contains(layer)) {
                    layers.put(layer, null);
                }
            }
            Map<String, SortedMap<String, Held>> entries = command.mode() == Mode.TOOLS
                    ? libraryAndApplicationEntries(boot, index)
                    : explodedEntries(boot, index);
            Map<String, Layer> result = new LinkedHashMap<>();
            for (String layer : layers.keySet()) {
                SortedMap<String, Held> held = entries.getOrDefault(layer, new TreeMap<>());
                List<Map.Entry<String, String>> content = new ArrayList<>();
                SortedMap<String, String> recorded = new TreeMap<>();
                held.forEach((name, entry) -> {
                    content.add(Map.entry(name, entry.keyed()));
                    recorded.put(name, entry.recorded());
                });
                content.add(Map.entry("libraries", libraryLocation(boot))); // the tools layout names lib/ after it
                if (layer.equals(applicationJarLayer)) {
                    // written anew, with the time of the extraction in it, whenever the extraction runs: when the jar
                    // copied before it changed at all (an unchanged environment aside)
                    content.add(Map.entry("application jar", jar.checksum()));
                }
                result.put(
                        layer,
                        new Layer(recorded, Keys.hash("layer", command.mode().name(), content)));
            }
            layers = result;
        } catch (BootJar.UnusableJarException e) {
            problem = e.getMessage();
        }
    }

    /**
     * An entry whose bytes a layer holds as they are: recorded by a digest prefix (enough to name a change, and small
     * for a layer of thousands of files); a library that differs from its baseline only in build times inside is
     * recorded as re-stamped (its checksum leaves them out, its stamp is its digest).
     */
    private static Held copied(BootJar.Entry entry) {
        String digest = shortened(entry.digest());
        return new Held(
                entry.digest(),
                entry.withoutStamps() == null
                        ? StampedParts.part(digest, "")
                        : StampedParts.part(shortened(entry.withoutStamps()), digest));
    }

    /** A class or resource the non-launcher application jar is written from, with its times, which that jar keeps. */
    private static Held rewritten(BootJar.Entry entry) {
        return new Held(
                entry.digest() + " " + entry.times(), StampedParts.part(shortened(entry.digest()), entry.times()));
    }

    private static String shortened(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return hex.substring(0, Math.min(RECORDED_DIGEST_HEX, hex.length()));
    }

    /** The jarmode jar that runs the extraction: a new one may lay the files out otherwise. */
    private String toolDigest(BootJar boot) throws BootJar.UnusableJarException {
        String lib = libraryLocation(boot);
        List<String> accepted = command.mode() == Mode.LAYERTOOLS
                ? List.of("spring-boot-jarmode-tools-", "spring-boot-jarmode-layertools-")
                : List.of("spring-boot-jarmode-tools-");
        for (BootJar.Entry entry : boot.entries()) {
            String name = entry.name();
            if (name.startsWith(lib)
                    && name.endsWith(".jar")
                    && accepted.stream().anyMatch(prefix -> name.startsWith(lib + prefix))) {
                return entry.digest();
            }
        }
        throw new BootJar.UnusableJarException(jar.contextPath() + " has no "
                + accepted.stream().map(prefix -> prefix + "*.jar").collect(Collectors.joining(" or ")) + " in " + lib
                + ": the jarmode '" + (command.mode() == Mode.LAYERTOOLS ? "layertools" : "tools")
                + "' is not there to run");
    }

    private static String libraryLocation(BootJar boot) {
        String lib = boot.attribute("Spring-Boot-Lib");
        lib = lib == null ? "BOOT-INF/lib/" : lib;
        return lib.endsWith("/") ? lib : lib + "/";
    }

    /** The layer of an entry, as {@code IndexedLayers.getLayer}: the first whose list names it or a parent directory. */
    private String layerOf(String name, Map<String, List<String>> index) throws BootJar.UnusableJarException {
        for (Map.Entry<String, List<String>> layer : index.entrySet()) {
            for (String candidate : layer.getValue()) {
                if (candidate.equals(name) || (candidate.endsWith("/") && name.startsWith(candidate))) {
                    return layer.getKey();
                }
            }
        }
        throw new BootJar.UnusableJarException(jar.contextPath() + ": no layer of its layers index holds " + name
                + ", and Spring Boot's extraction fails on it");
    }

    /** Launcher and layertools layout: every file entry at its own path under its layer; times are not kept. */
    private Map<String, SortedMap<String, Held>> explodedEntries(BootJar boot, Map<String, List<String>> index)
            throws BootJar.UnusableJarException {
        Map<String, SortedMap<String, Held>> byLayer = new LinkedHashMap<>();
        for (BootJar.Entry entry : boot.entries()) {
            if (entry.directory() || entry.name().isEmpty()) {
                continue;
            }
            requireInside(entry.name());
            String layer = layerOf(entry.name(), index);
            byLayer.computeIfAbsent(layer, l -> new TreeMap<>()).put(entry.name(), copied(entry));
        }
        return byLayer;
    }

    /**
     * The non-launcher layout: the libraries of the classpath index as {@code lib/<name>}, and in the layer of the
     * layers index itself a new {@code <jar name>} that {@code JarOutputStream} writes from the manifest, the classpath
     * index and the classes, with the time of the extraction on its manifest entry: it differs whenever the extraction
     * runs again. Its inputs are listed as the layer's entries, to name what changed.
     */
    private Map<String, SortedMap<String, Held>> libraryAndApplicationEntries(
            BootJar boot, Map<String, List<String>> index) throws BootJar.UnusableJarException {
        List<String> classpath = boot.classpath(jar.contextPath());
        String lib = libraryLocation(boot);
        String classes = boot.attribute("Spring-Boot-Classes");
        if (classes == null || boot.attribute("Start-Class") == null) {
            throw new BootJar.UnusableJarException(
                    jar.contextPath() + " lacks Spring-Boot-Classes or Start-Class in its"
                            + " manifest, which Spring Boot's extraction needs");
        }
        String classesLocation = classes.endsWith("/") ? classes : classes + "/";
        Set<String> libraries = new LinkedHashSet<>(classpath);
        Map<String, SortedMap<String, Held>> byLayer = new LinkedHashMap<>();
        applicationJarLayer = layerOf(boot.attribute("Spring-Boot-Layers-Index"), index);
        SortedMap<String, Held> application = byLayer.computeIfAbsent(applicationJarLayer, l -> new TreeMap<>());
        for (String made : List.of("META-INF/MANIFEST.MF", boot.attribute("Spring-Boot-Classpath-Index"))) {
            application.put(made, copied(boot.entry(made)));
        }
        for (BootJar.Entry entry : boot.entries()) {
            String name = entry.name();
            if (!entry.directory() && libraries.contains(name)) {
                if (!name.startsWith(lib)) {
                    throw new BootJar.UnusableJarException(jar.contextPath() + ": the library " + name + " is not in "
                            + lib + ", and Spring Boot's extraction fails on it");
                }
                requireInside(name.substring(lib.length()));
                byLayer.computeIfAbsent(layerOf(name, index), l -> new TreeMap<>())
                        .put(name, copied(entry));
            } else if (name.startsWith(classesLocation) && name.length() > classesLocation.length()) {
                application.put(name, rewritten(entry));
            }
        }
        return byLayer;
    }

    /** Spring Boot refuses an entry that would be written outside its layer directory. */
    private void requireInside(String name) throws BootJar.UnusableJarException {
        if (name.startsWith("/") || List.of(name.split("/")).contains("..")) {
            throw new BootJar.UnusableJarException(jar.contextPath() + ": the entry " + name
                    + " would be written outside" + " the destination, and Spring Boot's extraction refuses it");
        }
    }
}
