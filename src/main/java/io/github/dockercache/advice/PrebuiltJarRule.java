package io.github.dockercache.advice;

import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.GoPath;
import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.FromInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.MetadataInstruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * DC105: an image that copies its application as one fat jar ({@code COPY target/*.jar app.jar}, {@code ADD
 * ./target/app.jar /app/}) and runs it with {@code java -jar}. The COPY is keyed by the whole jar (cache-model §3.4), so any
 * change to the application makes a new layer of all of it, the dependencies included. Split into layers, the
 * dependencies' layer stays cached while only the application's changes: Spring Boot's layers extracted with its
 * jar mode, Quarkus's fast-jar directories, or a thin jar beside {@code target/dependency}. The proposed Dockerfile
 * is written out; it is checked to parse for the build's BuildKit with no new build-check warning
 * ({@link Rewrites#keepsBuilding}).
 *
 * <p>One file, one rule: the three layouts it proposes share the jar's detection and the COPY lines they rewrite.
 */
final class PrebuiltJarRule implements Rule {
    static final String ID = "DC105";
    /** The jar a java command runs: {@code "-jar", "/app.jar"} in JSON, {@code -jar /app.jar} in shell words. */
    private static final Pattern JSON_LAUNCH = Pattern.compile("\"-jar\"\\s*,\\s*\"([^\"]+)\"");

    private static final Pattern SHELL_LAUNCH = Pattern.compile("(?<=\\s)-jar\\s+([^\\s\"',\\]]+)");
    /** Sources that show the application is already split: a library directory or more jars beside the one. */
    private static final Pattern SPLIT =
            Pattern.compile("(?i)(?:^|/)(?:lib|libs|dependency|dependencies|BOOT-INF)(?:/|$)|\\.jar$");

    private static final List<String> SPRING_LAYERS =
            List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    private static final String EXTRACT_DIR = "/layers";

    @Override
    public String id() {
        return ID;
    }

    /**
     * The jar COPY of a stage and the line that runs it.
     *
     * @param jarPath where the jar lands in the image (absolute)
     * @param launchPath the jar's path as the java command names it
     */
    private record JarImage(
            Stage stage,
            CopyInstruction copy,
            StepSnapshot step,
            MetadataInstruction launch,
            String jarPath,
            String launchPath) {
        /** The directory the layers go to, with a trailing slash; never the image's root. */
        String directory() {
            String parent = GoPath.dir(jarPath);
            return parent.equals("/") ? "/application/" : parent + "/";
        }
    }

    /**
     * A way to split the jar.
     *
     * @param jar what the jar is, for the message ({@code a Spring Boot 3.4.1 jar})
     * @param how how the fix splits it
     * @param stageAbove a stage to insert above the image's, or empty
     * @param copies the lines that replace the jar's COPY
     * @param launchArguments what replaces {@code -jar <jar>} in the java command
     * @param prerequisite a change to the build the Dockerfile needs first, or null
     */
    private record Split(
            String jar,
            String how,
            List<String> stageAbove,
            List<String> copies,
            String launchArguments,
            String prerequisite) {}

    @Override
    public List<Finding> check(AdviceInput input) {
        List<Finding> findings = new ArrayList<>();
        for (Stage stage : input.dockerfile().stages()) {
            jarImage(input, stage).flatMap(image -> finding(input, image)).ifPresent(findings::add);
        }
        return findings;
    }

    private static Optional<JarImage> jarImage(AdviceInput input, Stage stage) {
        MetadataInstruction launch = null;
        List<CopyInstruction> jarCopies = new ArrayList<>();
        boolean split = false;
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof MetadataInstruction metadata
                    && Set.of("CMD", "ENTRYPOINT").contains(metadata.source().keyword())
                    && launchPath(metadata.source().text()).isPresent()) {
                launch = metadata;
            } else if (instruction instanceof CopyInstruction copy
                    && copy.heredocs().isEmpty()) {
                // the sources as this build expands them (COPY ${JAR_FILE} app.jar)
                List<String> sources =
                        input.step(copy).map(step -> step.reads().sources()).orElse(copy.sourcePaths());
                if (sources.size() == 1 && sources.get(0).endsWith(".jar")) {
                    jarCopies.add(copy);
                } else {
                    split |= sources.stream()
                            .anyMatch(source -> SPLIT.matcher(source).find());
                }
            }
        }
        if (launch == null || jarCopies.size() != 1 || split) {
            return Optional.empty();
        }
        CopyInstruction copy = jarCopies.get(0);
        Optional<StepSnapshot> step = input.step(copy);
        String launchPath = launchPath(launch.source().text()).orElseThrow();
        if (step.isEmpty() || step.get().reads().sources().size() != 1) {
            return Optional.empty(); // a stage the build does not reach
        }
        String destination = step.get().reads().inputs().get("dest");
        String jarName = copy.from() == null && step.get().reads().files().size() == 1
                ? GoPath.base(step.get().reads().files().get(0))
                : GoPath.base(launchPath);
        String jarPath = destination.endsWith("/") ? destination + jarName : destination;
        boolean runsIt =
                launchPath.equals(jarPath) || !launchPath.startsWith("/") && jarPath.endsWith("/" + launchPath);
        return runsIt
                ? Optional.of(new JarImage(stage, copy, step.get(), launch, jarPath, launchPath))
                : Optional.empty();
    }

    private static Optional<String> launchPath(String text) {
        Matcher json = JSON_LAUNCH.matcher(text);
        if (json.find()) {
            return Optional.of(json.group(1));
        }
        Matcher shell = SHELL_LAUNCH.matcher(text);
        return shell.find() ? Optional.of(shell.group(1)) : Optional.empty();
    }

    private static Optional<Finding> finding(AdviceInput input, JarImage image) {
        Optional<FatJar> jar = image.copy().from() == null
                ? FatJar.read(input.context()
                        .root()
                        .resolve(image.step().reads().files().get(0)))
                : FatJar.fromPom(input.context().root().resolve("pom.xml"));
        if (jar.isEmpty()) {
            return Optional.empty(); // not a jar it knows how to split: nothing to say
        }
        Optional<Split> split = switch (jar.get().kind()) {
            case SPRING_BOOT -> springBoot(input, image, jar.get());
            case QUARKUS -> quarkus(input, image);
            case SHADED -> shaded(input, image, jar.get());
        };
        return split.map(how -> finding(input, image, jar.get(), how));
    }

    /**
     * Spring Boot's own layers, extracted in a stage of their own with the jar's jar mode: {@code tools} from Boot 3.3,
     * {@code layertools} from 2.3 (removed in 4.1); its launcher class moved to {@code ...loader.launch} in 3.2. A
     * jar without a layer index (Boot before 2.3, or layering turned off) is unpacked before the build instead, as
     * Spring's "Spring Boot with Docker" guide does, and started from its {@code Start-Class}.
     */
    private static Optional<Split> springBoot(AdviceInput input, JarImage image, FatJar jar) {
        boolean fromJar = image.copy().from() == null;
        boolean layered = fromJar ? !jar.layers().isEmpty() : jar.atLeast(2, 4); // layers on by default from 2.4
        if (layered && jar.atLeast(2, 3)) {
            return layers(input, image, jar);
        }
        String source = sourceDirectory(image);
        if (!fromJar || jar.mainClass() == null || source == null) {
            return Optional.empty();
        }
        String directory = image.directory();
        String jarName = GoPath.base(image.step().reads().files().get(0));
        List<String> copies = List.of(
                copyLine(image, null, source + "dependency/BOOT-INF/lib", directory + "lib"),
                copyLine(image, null, source + "dependency/META-INF", directory + "META-INF"),
                copyLine(image, null, source + "dependency/BOOT-INF/classes", stripSlash(directory)));
        return Optional.of(new Split(
                "a Spring Boot " + jar.version() + " jar without a layer index",
                "the jar unpacked" + " into its dependencies, its META-INF and its classes",
                List.of(),
                copies,
                "-cp " + stripSlash(directory) + ":" + directory + "lib/* " + jar.mainClass(),
                "unpack the jar before docker build, as Spring's \"Spring Boot with Docker\" guide does: mkdir -p "
                        + source + "dependency && (cd " + source + "dependency && jar -xf ../" + jarName + ")"));
    }

    private static Optional<Split> layers(AdviceInput input, JarImage image, FatJar jar) {
        boolean tools = jar.atLeast(3, 3);
        String launcher = jar.atLeast(3, 2)
                ? "org.springframework.boot.loader.launch.JarLauncher"
                : "org.springframework.boot.loader.JarLauncher";
        String stageName = freeStageName(input, "layers");
        FromInstruction from = image.stage().from();
        String fromKeyword = Instructions.keyword(from.source());
        List<String> stage = new ArrayList<>();
        stage.add(fromKeyword + (from.platform() == null ? "" : " --platform=" + from.platform()) + " " + from.image()
                + " " + cased(fromKeyword, "AS") + " " + stageName);
        stage.add(cased(fromKeyword, "WORKDIR") + " " + EXTRACT_DIR);
        stage.addAll(argumentsOf(image));
        stage.add(Instructions.keyword(image.copy().source())
                + (image.copy().from() == null ? "" : " --from=" + image.copy().from())
                + " " + image.copy().sourcePaths().get(0) + " application.jar");
        // exec form: an image without a shell (distroless) still runs it
        stage.add(cased(fromKeyword, "RUN")
                + (tools
                        ? " [\"java\", \"-Djarmode=tools\", \"-jar\", \"application.jar\", \"extract\", \"--layers\", \"--launcher\","
                                + " \"--destination\", \"extracted\"]"
                        : " [\"java\", \"-Djarmode=layertools\", \"-jar\", \"application.jar\", \"extract\", \"--destination\","
                                + " \"extracted\"]"));
        stage.add("");
        List<String> copies = (jar.layers().isEmpty() ? SPRING_LAYERS : jar.layers())
                .stream()
                        .map(layer -> copyLine(
                                image, stageName, EXTRACT_DIR + "/extracted/" + layer + "/", image.directory()))
                        .toList();
        return Optional.of(new Split(
                "a Spring Boot" + (jar.version() == null ? "" : " " + jar.version()) + " jar",
                "Spring Boot's layers extracted in a stage of their own with"
                        + (tools
                                ? " jarmode=tools (Spring Boot 3.3 and later)"
                                : " jarmode=layertools (Spring Boot 2.3 to 4.0)"),
                stage,
                copies,
                "-cp " + stripSlash(image.directory()) + " " + launcher,
                null));
    }

    /** Quarkus's fast-jar layout ({@code quarkus-app/}), which its own {@code Dockerfile.jvm} copies in four steps. */
    private static Optional<Split> quarkus(AdviceInput input, JarImage image) {
        String source = sourceDirectory(image);
        if (source == null) {
            return Optional.empty();
        }
        String app = source + "quarkus-app/";
        String directory = image.directory();
        boolean built = image.copy().from() == null && input.isRegularFile(ContextPaths.of(app + "quarkus-run.jar"));
        List<String> copies = List.of(
                copyLine(image, image.copy().from(), app + "lib/", directory + "lib/"),
                copyLine(image, image.copy().from(), app + "*.jar", directory),
                copyLine(image, image.copy().from(), app + "app/", directory + "app/"),
                copyLine(image, image.copy().from(), app + "quarkus/", directory + "quarkus/"));
        return Optional.of(new Split(
                "a Quarkus runner jar",
                "Quarkus's fast-jar directories, copied as its Dockerfile.jvm" + " copies them",
                List.of(),
                copies,
                "-jar " + directory + "quarkus-run.jar",
                built
                        ? null
                        : "package the fast-jar (quarkus.package.jar.type=fast-jar, Quarkus's default) instead of"
                                + " the runner jar, so that the build writes " + app));
    }

    /** A thin jar with its dependencies beside it, as maven-dependency-plugin's copy-dependencies writes them. */
    private static Optional<Split> shaded(AdviceInput input, JarImage image, FatJar jar) {
        String source = sourceDirectory(image);
        if (source == null || !input.isRegularFile("pom.xml") || jar.mainClass() == null) {
            return Optional.empty(); // a Maven build is what the fix changes
        }
        String directory = image.directory();
        List<String> copies = List.of(
                copyLine(image, null, source + "dependency/", directory + "lib/"),
                image.copy().source().text());
        return Optional.of(new Split(
                "a jar with its dependencies inside",
                "a thin jar and its dependencies beside it",
                List.of(),
                copies,
                "-cp " + image.launchPath() + ":" + directory + "lib/* " + jar.mainClass(),
                "have the Maven build copy the dependencies (maven-dependency-plugin's copy-dependencies goal, which writes"
                        + " them to " + source
                        + "dependency/) and package the jar without them (no maven-shade-plugin or"
                        + " jar-with-dependencies)"));
    }

    private static Finding finding(AdviceInput input, JarImage image, FatJar jar, Split split) {
        CopyInstruction copy = image.copy();
        List<Edit> edits = new ArrayList<>();
        if (split.prerequisite() != null) {
            edits.add(new Edit.Prerequisite(split.prerequisite()));
        }
        if (!split.stageAbove().isEmpty()) {
            edits.add(Edit.DockerfileLines.insertAbove(
                    image.stage().from().source().location().line(), split.stageAbove()));
        }
        edits.add(Edit.DockerfileLines.replace(
                copy.source().location().line(), copy.source().endLine(), split.copies()));
        edits.add(Instructions.replace(
                image.launch().source(), relaunched(image.launch().source().text(), split.launchArguments())));
        String dockerfile = Rewrites.apply(input.text(), edits);
        String message = Instructions.describe(copy.source()) + " copies the application as " + split.jar()
                + ": any change to the application makes a new layer of " + cachedShare(input, image, jar, split);
        String fix = Fixes.of(
                (split.prerequisite() == null ? "" : "first " + split.prerequisite() + "; then ")
                        + "use this Dockerfile, with " + split.how() + ", the dependencies in a layer of their own",
                dockerfile.lines().toList());
        return Finding.at(ID, Severity.WARNING, copy.source(), message, fix).withEdits(edits.toArray(Edit[]::new));
    }

    /** How much would stay cached, where the jar or the context tells the dependencies' size. */
    private static String cachedShare(AdviceInput input, JarImage image, FatJar jar, Split split) {
        long dependencies = jar.dependencyBytes();
        long total = jar.totalBytes();
        if (jar.kind() == FatJar.Kind.QUARKUS && split.prerequisite() == null) {
            String app = ContextPaths.of(sourceDirectory(image) + "quarkus-app");
            dependencies = bytesUnder(input, app + "/lib");
            total = bytesUnder(input, app);
        }
        if (dependencies <= 0 || total <= 0) {
            return "all of it, dependencies included, which a layered image keeps cached";
        }
        return "all " + Sizes.human(total) + " of it, though the dependencies' " + Sizes.human(dependencies) + " ("
                + Math.round(100.0 * dependencies / total) + "%) would stay cached in a layered image";
    }

    private static long bytesUnder(AdviceInput input, String directory) {
        return input.context().entries().values().stream()
                .filter(entry -> ContextPaths.isWithin(entry.path(), directory))
                .mapToLong(FileEntry::size)
                .sum();
    }

    /** The launch line with {@code -jar <jar>} replaced by the new arguments, in the line's own form. */
    private static String relaunched(String text, String arguments) {
        Matcher json = JSON_LAUNCH.matcher(text);
        if (json.find()) {
            String written = json.group();
            String separator = written.substring("\"-jar\"".length(), written.indexOf('"', "\"-jar\"".length()));
            String quoted = List.of(arguments.split(" ")).stream()
                    .map(word -> "\"" + word + "\"")
                    .collect(Collectors.joining(separator)); // the array's own spacing
            return text.substring(0, json.start()) + quoted + text.substring(json.end());
        }
        Matcher shell = SHELL_LAUNCH.matcher(text);
        shell.find();
        return text.substring(0, shell.start()) + arguments + text.substring(shell.end());
    }

    /** The directory the jar is copied from, as written and with a trailing slash; null when it uses a variable. */
    private static String sourceDirectory(JarImage image) {
        String source = image.copy().sourcePaths().get(0);
        if (source.contains("$")) {
            return null;
        }
        String directory = source.contains("/") ? source.substring(0, source.lastIndexOf('/') + 1) : "";
        return directory.startsWith("./") ? directory.substring(2) : directory;
    }

    /** The stage ARGs the jar's source names, declared again for the extraction stage. */
    private static List<String> argumentsOf(JarImage image) {
        String source = image.copy().sourcePaths().get(0);
        List<String> lines = new ArrayList<>();
        for (Instruction instruction : image.stage().instructions()) {
            if (instruction == image.copy()) {
                break;
            }
            if (instruction instanceof ArgInstruction arg
                    && arg.args().stream()
                            .anyMatch(declaration ->
                                    source.matches(".*\\$\\{?" + Pattern.quote(declaration.name()) + "\\b.*"))) {
                lines.add(arg.source().text());
            }
        }
        return lines;
    }

    /** A COPY like the jar's (--chown, --chmod, --link; an ADD's becomes a COPY), from a stage when given. */
    private static String copyLine(JarImage image, String fromStage, String source, String destination) {
        String keyword = Instructions.keyword(image.copy().source());
        return ManifestCopies.copyLike(
                image.copy(), image.copy().add() ? cased(keyword, "COPY") : keyword, fromStage, source, destination);
    }

    /** A keyword written as the file writes its others: lower case when {@code like} is. */
    private static String cased(String like, String keyword) {
        return like.equals(like.toLowerCase(Locale.ROOT)) ? keyword.toLowerCase(Locale.ROOT) : keyword;
    }

    private static String freeStageName(AdviceInput input, String wanted) {
        Set<String> taken = input.dockerfile().stages().stream()
                .map(Stage::name)
                .filter(name -> name != null)
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        String name = wanted;
        for (int i = 2; taken.contains(name); i++) {
            name = wanted + "-" + i;
        }
        return name;
    }

    private static String stripSlash(String directory) {
        return directory.length() > 1 && directory.endsWith("/")
                ? directory.substring(0, directory.length() - 1)
                : directory;
    }
}
