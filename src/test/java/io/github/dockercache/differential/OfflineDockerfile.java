package io.github.dockercache.differential;

import io.github.dockercache.dockerfile.ArgDeclaration;
import io.github.dockercache.dockerfile.ArgInstruction;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.dockerfile.ExpansionException;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.ParserDirectives;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.ShellLexer;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.dockerfile.Variables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile made buildable by an engine without internet, line for line: FROM images it cannot have become
 * {@code dockercache-busybox:latest}, and a {@code # syntax=} directive, which would pull a frontend image, becomes
 * a directive that changes nothing, so that the directive block (and a {@code # check=} in it) stays as it was.
 */
final class OfflineDockerfile {
    private static final String NEUTRAL_CHECK = "# check=error=false";
    private static final String NEUTRAL_ESCAPE = "# escape=\\";
    private static final Pattern MOUNT_FROM = Pattern.compile("(?<=^|,)from=[^,]+");

    private OfflineDockerfile() {}

    /** @param available images the engine can resolve without internet, as FROM names them */
    static String rewrite(String text, Set<String> available) throws DockerfileException {
        Dockerfile file = DockerfileReader.parse(text, "Dockerfile");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        neutralSyntax(text, lines);
        ShellLexer lexer = new ShellLexer(file.escapeChar());
        Map<String, String> globals = new HashMap<>();
        for (ArgInstruction arg : file.globalArgs()) {
            for (ArgDeclaration declaration : arg.args()) {
                if (declaration.defaultValue() != null) {
                    globals.put(declaration.name(), expand(lexer, declaration.defaultValue(), globals));
                }
            }
        }
        Set<String> stages = new HashSet<>();
        for (Stage stage : file.stages()) {
            String image = stage.from().image();
            String resolved = expand(lexer, image, globals);
            boolean keep = resolved.equals("scratch")
                    || available.contains(resolved)
                    || stages.contains(resolved.toLowerCase(Locale.ROOT));
            if (!keep) {
                int index = stage.from().source().location().line() - 1;
                lines.set(index, replaceImage(lines.get(index), image));
            }
            if (stage.name() != null) {
                stages.add(stage.name().toLowerCase(Locale.ROOT));
            }
        }
        // COPY --from and RUN --mount from= name images too; a stage is named or numbered
        Predicate<String> unavailable = name ->
                !name.matches("\\d+") && !available.contains(name) && !stages.contains(name.toLowerCase(Locale.ROOT));
        for (Stage stage : file.stages()) {
            for (Instruction instruction : stage.instructions()) {
                List<String> sources = new ArrayList<>();
                if (instruction instanceof CopyInstruction copy && copy.from() != null) {
                    sources.add("--from=" + copy.from());
                } else if (instruction instanceof RunInstruction run) {
                    for (String mount : run.mounts()) {
                        Matcher from = MOUNT_FROM.matcher(mount);
                        if (from.find()) {
                            sources.add(from.group());
                        }
                    }
                }
                for (String source : sources) {
                    String name = source.substring(source.indexOf('=') + 1);
                    if (unavailable.test(name)) {
                        replaceInInstruction(
                                lines,
                                instruction,
                                source,
                                source.substring(0, source.indexOf('=') + 1) + LintDifferentialTest.BUSYBOX);
                    }
                }
            }
        }
        return String.join("\n", lines);
    }

    /** The Dockerfile with only its {@code # syntax=} directive made one that changes nothing, line for line. */
    static String withoutSyntax(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        neutralSyntax(text, lines);
        return String.join("\n", lines);
    }

    private static void replaceInInstruction(List<String> lines, Instruction instruction, String text, String by) {
        for (int i = instruction.source().location().line() - 1;
                i < instruction.source().endLine();
                i++) {
            if (lines.get(i).contains(text)) {
                lines.set(i, lines.get(i).replace(text, by));
                return;
            }
        }
        throw new IllegalArgumentException(
                "cannot find " + text + " in " + instruction.source().text());
    }

    private static void neutralSyntax(String text, List<String> lines) {
        Optional<ParserDirectives.Found> syntax = ParserDirectives.find(ParserDirectives.SYNTAX, text);
        if (syntax.isEmpty()) {
            return;
        }
        boolean hasCheck = ParserDirectives.find(ParserDirectives.CHECK, text).isPresent();
        boolean hasEscape = ParserDirectives.find(ParserDirectives.ESCAPE, text).isPresent();
        if (hasCheck && hasEscape) {
            throw new IllegalArgumentException("no neutral directive left to stand in for # syntax=");
        }
        lines.set(syntax.get().line() - 1, hasCheck ? NEUTRAL_ESCAPE : NEUTRAL_CHECK);
    }

    /** The image word on the FROM line (the first word after FROM that is not a flag) replaced. */
    private static String replaceImage(String line, String image) {
        String[] words = line.trim().split("\\s+");
        for (int i = 1; i < words.length; i++) {
            if (!words[i].startsWith("--")) {
                if (!words[i].equals(image)) {
                    break;
                }
                int at = line.indexOf(image, line.indexOf(words[i - 1]) + words[i - 1].length());
                return line.substring(0, at) + LintDifferentialTest.BUSYBOX + line.substring(at + image.length());
            }
        }
        throw new IllegalArgumentException("cannot find the image " + image + " on the FROM line: " + line);
    }

    private static String expand(ShellLexer lexer, String word, Map<String, String> variables) {
        try {
            return lexer.processWord(word, Variables.of(variables));
        } catch (ExpansionException e) {
            return word;
        }
    }
}
