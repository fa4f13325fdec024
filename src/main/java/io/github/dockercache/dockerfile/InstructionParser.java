package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one raw instruction and turns it into a typed {@link Instruction}, with BuildKit's
 * instruction-level rules and messages ({@code instructions/parse.go}).
 *
 * <p>One file, as {@code parse.go} is: a parse method per instruction, side by side with the Go code they follow.
 */
final class InstructionParser {
    static final Set<String> INSTRUCTIONS = Set.of(
            "ADD",
            "ARG",
            "CMD",
            "COPY",
            "ENTRYPOINT",
            "ENV",
            "EXPOSE",
            "FROM",
            "HEALTHCHECK",
            "LABEL",
            "MAINTAINER",
            "ONBUILD",
            "RUN",
            "SHELL",
            "STOPSIGNAL",
            "USER",
            "VOLUME",
            "WORKDIR");
    private static final Pattern VALID_STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*\\z");
    private static final Pattern ONBUILD_PREFIX =
            Pattern.compile("^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*", Pattern.CASE_INSENSITIVE);
    private static final long ONE_MILLISECOND_NANOS = 1_000_000L;

    private final RawInstruction raw;
    private final String keyword;
    private final List<String> args;
    private final BuilderFlags flags;
    private final InstructionSource source;
    private final boolean externalFrontend;
    private final BuildKitVersion version;

    private InstructionParser(
            RawInstruction raw, String displayName, boolean externalFrontend, BuildKitVersion version) {
        this.raw = raw;
        this.externalFrontend = externalFrontend;
        this.version = version;
        this.keyword = raw.keyword().toUpperCase(Locale.ROOT);
        this.args = List.copyOf(argumentsOf(raw));
        this.flags = new BuilderFlags(raw.flags(), version);
        this.source = new InstructionSource(
                keyword,
                GoText.trimSpace(raw.original()),
                new SourceLocation(displayName, raw.startLine(), raw.column()),
                raw.endLine(),
                raw.comments());
    }

    /**
     * The typed instruction; FROM gives a {@link FromInstruction}.
     *
     * @param externalFrontend the file names a frontend image with {@code # syntax=}, whose version decides
     *     which flags exist; false for the frontend built into BuildKit
     * @param version the BuildKit release whose built-in frontend parses the file
     */
    static Instruction parse(RawInstruction raw, String displayName, boolean externalFrontend, BuildKitVersion version)
            throws LineError {
        return new InstructionParser(raw, displayName, externalFrontend, version).parse();
    }

    /** BuildKit's {@code nodeArgs}: an ONBUILD trigger contributes its keyword and its own arguments. */
    private static List<String> argumentsOf(RawInstruction raw) {
        List<String> result = new ArrayList<>(raw.args());
        if (raw.trigger() != null) {
            result.add(raw.trigger().keyword());
            result.addAll(argumentsOf(raw.trigger()));
        }
        return result;
    }

    private Instruction parse() throws LineError {
        return switch (keyword) {
            case "ENV" -> env();
            case "MAINTAINER" -> exactlyOneArgument(true);
            case "LABEL" -> label();
            case "ADD" -> copy(true);
            case "COPY" -> copy(false);
            case "FROM" -> from();
            case "ONBUILD" -> onbuild();
            case "WORKDIR" -> new WorkdirInstruction(source, singleArgument(true));
            case "RUN" -> run();
            case "CMD", "ENTRYPOINT" -> metadataWithFlagsChecked();
            case "HEALTHCHECK" -> healthcheck();
            case "EXPOSE", "VOLUME" -> listInstruction();
            case "USER" -> new UserInstruction(source, singleArgument(true));
            // BuildKit checks no flags on STOPSIGNAL and ARG: any given are ignored
            case "STOPSIGNAL" -> exactlyOneArgument(false);
            case "ARG" -> arg();
            case "SHELL" -> shell();
            default ->
                throw new LineError(Suggestions.withSuggestion(
                        "unknown instruction: " + raw.keyword(), raw.keyword(), INSTRUCTIONS, false));
        };
    }

    private Instruction env() throws LineError {
        flags.parse();
        List<KeyValue> pairs = new ArrayList<>();
        for (String[] pair : keyValueTriples()) {
            pairs.add(new KeyValue(pair[0], pair[1]));
        }
        return new EnvInstruction(source, List.copyOf(pairs));
    }

    private Instruction label() throws LineError {
        flags.parse();
        keyValueTriples();
        return new MetadataInstruction(source);
    }

    /** ENV/LABEL arguments come in (name, value, separator) triples. */
    private List<String[]> keyValueTriples() throws LineError {
        if (args.isEmpty()) {
            throw atLeastOneArgument();
        }
        if (args.size() % 3 != 0) {
            throw new LineError("Bad input to " + keyword + ", too many arguments");
        }
        List<String[]> triples = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 3) {
            if (args.get(i).isEmpty()) {
                throw blankNames();
            }
            triples.add(new String[] {args.get(i), args.get(i + 1)});
        }
        return triples;
    }

    private String singleArgument(boolean checkFlags) throws LineError {
        if (args.size() != 1) {
            throw new LineError(keyword + " requires exactly one argument");
        }
        if (checkFlags) {
            flags.parse();
        }
        return args.get(0);
    }

    private Instruction exactlyOneArgument(boolean checkFlags) throws LineError {
        singleArgument(checkFlags);
        return new MetadataInstruction(source);
    }

    private Instruction metadataWithFlagsChecked() throws LineError {
        flags.parse();
        return new MetadataInstruction(source);
    }

    private Instruction copy(boolean add) throws LineError {
        if (args.size() < 2) {
            throw new LineError(
                    keyword
                            + " requires at least two arguments, but only one was provided. Destination could not be determined");
        }
        BuilderFlags.Flag chown = flags.addString("chown", "");
        BuilderFlags.Flag chmod = flags.addString("chmod", "");
        BuilderFlags.Flag link = flags.addBoolean("link");
        // COPY --exclude is labs only before BuildKit 0.25 (dockerfile 1.19 made it stable)
        BuilderFlags.Flag excludes =
                externalFrontend || version.copyExcludeIsStable() ? flags.addStrings("exclude") : null;
        BuilderFlags.Flag from = add ? null : flags.addString("from", "");
        // COPY --parents is a labs flag in BuildKit 0.25 (stable from dockerfile 1.20): the built-in frontend
        // rejects it as an unknown flag; ADD has none in any version
        BuilderFlags.Flag parents = add || !externalFrontend ? null : flags.addBoolean("parents");
        BuilderFlags.Flag keepGitDir = add ? flags.addBoolean("keep-git-dir") : null;
        BuilderFlags.Flag checksum = add ? flags.addString("checksum", "") : null;
        BuilderFlags.Flag unpack = add ? flags.addBoolean("unpack") : null;
        flags.parse();

        List<String> sources = args.subList(0, args.size() - 1);
        String destination = args.get(args.size() - 1);
        if (HeredocSyntax.parseWordOrNull(destination) != null) {
            throw new LineError(keyword + " cannot accept a heredoc as a destination");
        }
        return new CopyInstruction(
                source,
                add,
                List.copyOf(sources),
                destination,
                heredocSources(sources),
                from == null ? null : from.valueIfUsed(),
                chown.valueIfUsed(),
                chmod.valueIfUsed(),
                link.isTrue(),
                excludes == null ? List.of() : excludes.values(),
                parents != null && parents.isTrue(),
                checksum == null ? null : checksum.valueIfUsed(),
                keepGitDir != null && keepGitDir.isTrue(),
                unpack == null ? null : unpack.valueIfUsed());
    }

    /**
     * The inline files of COPY/ADD: every source word that is a heredoc marker, with the body read for
     * that name (empty if none was read, e.g. in JSON form), chomped for {@code <<-}.
     */
    private List<Heredoc> heredocSources(List<String> sources) {
        Map<String, String> bodies = new LinkedHashMap<>();
        raw.heredocs().forEach(h -> bodies.put(h.name(), h.content()));
        List<Heredoc> heredocs = new ArrayList<>();
        for (String word : sources) {
            Heredoc marker = HeredocSyntax.parseWordOrNull(word);
            if (marker != null) {
                heredocs.add(withBody(marker, bodies.getOrDefault(marker.name(), "")));
            }
        }
        return List.copyOf(heredocs);
    }

    private static Heredoc withBody(Heredoc marker, String body) {
        String content = marker.chomp() ? HeredocSyntax.chomp(body) : body;
        return new Heredoc(marker.name(), content, marker.expand(), marker.chomp(), marker.fileDescriptor());
    }

    private Instruction from() throws LineError {
        String stageName = null;
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            stageName = args.get(2);
            if (!VALID_STAGE_NAME.matcher(stageName.toLowerCase(Locale.ROOT)).matches()) {
                throw new LineError("invalid name for build stage: " + GoText.quote(stageName)
                        + ", name can't start with a number or contain symbols");
            }
        } else if (args.size() != 1) {
            throw new LineError("FROM requires either one or three arguments");
        }
        BuilderFlags.Flag platform = flags.addString("platform", "");
        flags.parse();
        return new FromInstruction(source, args.get(0), platform.valueIfUsed(), stageName);
    }

    private Instruction onbuild() throws LineError {
        if (args.isEmpty()) {
            throw atLeastOneArgument();
        }
        flags.parse();
        String trigger = GoText.trimSpace(args.get(0)).toUpperCase(Locale.ROOT);
        switch (trigger) {
            case "ONBUILD" -> throw new LineError("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "MAINTAINER", "FROM" -> throw new LineError(trigger + " isn't allowed as an ONBUILD trigger");
            default -> {}
        }
        StringBuilder expression =
                new StringBuilder(ONBUILD_PREFIX.matcher(raw.original()).replaceFirst(""));
        for (Heredoc heredoc : raw.heredocs()) {
            expression.append('\n').append(heredoc.content()).append(heredoc.name());
        }
        return new OnbuildInstruction(source, expression.toString());
    }

    private Instruction run() throws LineError {
        BuilderFlags.Flag devices = externalFrontend || version.hasRunDevice() ? flags.addStrings("device") : null;
        BuilderFlags.Flag mounts = flags.addStrings("mount");
        BuilderFlags.Flag network = flags.addString("network", "default");
        // RUN --security is a labs flag in BuildKit 0.25 (built with dfrunsecurity only): the built-in frontend
        // rejects it as an unknown flag
        BuilderFlags.Flag security = externalFrontend ? flags.addString("security", "sandbox") : null;
        flags.parse();
        for (String device : devices == null ? List.<String>of() : devices.values()) {
            RunFlagValues.checkDevice(device);
        }
        for (String mount : mounts.values()) {
            RunFlagValues.checkMount(mount);
        }
        if (!Set.of("default", "none", "host").contains(network.value())) {
            throw new LineError("invalid network mode " + GoText.quote(network.value()));
        }
        if (security != null && !Set.of("insecure", "sandbox").contains(security.value())) {
            throw new LineError("security " + GoText.quote(security.value()) + " is not valid");
        }
        return new RunInstruction(
                source,
                commandLine(),
                !raw.json(),
                raw.heredocs(),
                mounts.values(),
                network.valueIfUsed(),
                security == null ? null : security.valueIfUsed());
    }

    /** BuildKit's {@code handleJSONArgs}: exec form as is, shell form joined into one string. */
    private List<String> commandLine() {
        if (args.isEmpty() || raw.json()) {
            return args;
        }
        return List.of(String.join(" ", args));
    }

    /** The health test BuildKit stores for a HEALTHCHECK instruction. */
    static List<String> healthTest(RawInstruction raw) throws LineError {
        return HealthcheckSpec.parse(
                raw.keyword().toUpperCase(Locale.ROOT), argumentsOf(raw), raw.json(), new BuilderFlags(raw.flags()));
    }

    private Instruction healthcheck() throws LineError {
        HealthcheckSpec.parse(keyword, args, raw.json(), flags);
        return new MetadataInstruction(source);
    }

    private Instruction listInstruction() throws LineError {
        if (args.isEmpty()) {
            throw atLeastOneArgument();
        }
        flags.parse();
        if (keyword.equals("VOLUME")) {
            for (String volume : args) {
                if (GoText.trimSpace(volume).isEmpty()) {
                    throw new LineError("VOLUME specified can not be an empty string");
                }
            }
        }
        return new MetadataInstruction(source);
    }

    private Instruction arg() throws LineError {
        if (args.isEmpty()) {
            throw atLeastOneArgument();
        }
        List<ArgDeclaration> declarations = new ArrayList<>();
        for (String word : args) {
            int equals = word.indexOf('=');
            if (equals == 0) {
                throw blankNames();
            }
            declarations.add(
                    equals < 0
                            ? new ArgDeclaration(word, null)
                            : new ArgDeclaration(word.substring(0, equals), word.substring(equals + 1)));
        }
        return new ArgInstruction(source, List.copyOf(declarations));
    }

    private Instruction shell() throws LineError {
        flags.parse();
        List<String> shell = commandLine();
        if (shell.isEmpty()) {
            throw atLeastOneArgument();
        }
        if (!raw.json()) {
            throw new LineError("SHELL requires the arguments to be in JSON form");
        }
        return new ShellInstruction(source, shell);
    }

    private LineError atLeastOneArgument() {
        return new LineError(keyword + " requires at least one argument");
    }

    private LineError blankNames() {
        return new LineError(keyword + " names can not be blank");
    }

    /** The documentation BuildKit takes from a comment above FROM/ARG that starts with the name. */
    static String docComment(List<String> comments, String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        for (String line : comments) {
            if (line.startsWith(name + " ")) {
                return line.substring(name.length() + 1);
            }
        }
        return "";
    }

    /** The HEALTHCHECK checks, kept apart for the test of the resulting command. */
    static final class HealthcheckSpec {
        private static final List<String> DURATION_FLAGS =
                List.of("interval", "timeout", "start-period", "start-interval");
        private static final Pattern GO_INTEGER = Pattern.compile("[+-]?[0-9]+");

        private HealthcheckSpec() {}

        /** The health test BuildKit would store ({@code ["NONE"]}, {@code ["CMD", ...]}, {@code ["CMD-SHELL", cmd]}). */
        static List<String> parse(String keyword, List<String> args, boolean json, BuilderFlags flags)
                throws LineError {
            if (args.isEmpty()) {
                throw new LineError(keyword + " requires at least one argument");
            }
            String type = args.get(0).toUpperCase(Locale.ROOT);
            List<String> command = args.subList(1, args.size());
            if (type.equals("NONE")) {
                if (!command.isEmpty()) {
                    throw new LineError("HEALTHCHECK NONE takes no arguments");
                }
                return List.of(type);
            }
            List<BuilderFlags.Flag> durations = new ArrayList<>();
            for (String name : DURATION_FLAGS) {
                durations.add(flags.addString(name, ""));
            }
            BuilderFlags.Flag retries = flags.addString("retries", "");
            flags.parse();
            if (!type.equals("CMD")) {
                throw new LineError("Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)");
            }
            List<String> test = new ArrayList<>();
            if (json) {
                test.add(type);
                test.addAll(command);
            } else if (!command.isEmpty()) {
                test.add("CMD-SHELL");
                test.add(String.join(" ", command));
            }
            if (test.size() < 2) {
                throw new LineError("Missing command after HEALTHCHECK CMD");
            }
            for (int i = 0; i < durations.size(); i++) {
                checkInterval(DURATION_FLAGS.get(i), durations.get(i).value());
            }
            checkRetries(retries.value());
            return List.copyOf(test);
        }

        /** Empty or zero means "default"; otherwise at least one millisecond. */
        static void checkInterval(String name, String value) throws LineError {
            if (value.isEmpty()) {
                return;
            }
            long nanos = GoDuration.parseNanos(value);
            if (nanos != 0 && nanos < ONE_MILLISECOND_NANOS) {
                throw new LineError("Interval " + GoText.quote(name) + " cannot be less than 1ms");
            }
        }

        private static void checkRetries(String value) throws LineError {
            if (value.isEmpty()) {
                return;
            }
            if (!GO_INTEGER.matcher(value).matches()) {
                throw new LineError("strconv.ParseInt: parsing " + GoText.quote(value) + ": invalid syntax");
            }
            long retries;
            try {
                retries = Long.parseLong(value);
            } catch (NumberFormatException e) {
                retries = Long.MAX_VALUE; // beyond 64 bits: out of range below
            }
            if (retries > Integer.MAX_VALUE || retries < Integer.MIN_VALUE) {
                throw new LineError("strconv.ParseInt: parsing " + GoText.quote(value) + ": value out of range");
            }
            if (retries < 0) {
                throw new LineError("--retries cannot be negative (" + retries + ")");
            }
        }
    }
}
