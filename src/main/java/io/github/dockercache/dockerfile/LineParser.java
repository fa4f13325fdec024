package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns one joined instruction line into a {@link RawInstruction}: splits off the keyword and the
 * builder flags, then splits the arguments the way BuildKit's per-instruction line parser does.
 */
final class LineParser {
    /** Go's {@code [\t\v\f\r ]+}: the separator BuildKit splits instruction words on. */
    static final Pattern WHITESPACE = Pattern.compile("[\\t\\x0B\\f\\r ]+");

    private LineParser() {}

    /** What an argument parser produced. */
    private record Arguments(List<String> args, RawInstruction trigger, boolean json) {
        static final Arguments NONE = new Arguments(List.of(), null, false);

        static Arguments of(List<String> args) {
            return new Arguments(List.copyOf(args), null, false);
        }
    }

    static RawInstruction parse(String line, char escape, List<String> comments) throws LineError {
        List<String> keywordAndRest = GoText.regexSplit(WHITESPACE, GoText.trimSpace(line), 2);
        String keyword = keywordAndRest.get(0);
        List<String> flags = List.of();
        String rest = "";
        if (keywordAndRest.size() == 2) {
            BuilderFlagSplitter.Result split = BuilderFlagSplitter.split(keywordAndRest.get(1), escape);
            flags = split.flags();
            rest = GoText.trimSpace(split.rest());
        }
        Arguments arguments = parseArguments(keyword.toLowerCase(Locale.ROOT), rest, escape);
        return new RawInstruction(
                keyword,
                flags,
                arguments.args(),
                arguments.trigger(),
                arguments.json(),
                List.of(),
                line,
                0,
                0,
                0,
                List.copyOf(comments));
    }

    private static Arguments parseArguments(String keyword, String rest, char escape) throws LineError {
        return switch (keyword) {
            case "add", "copy", "volume" -> maybeJsonToList(rest);
            case "run", "cmd", "entrypoint", "shell" -> maybeJson(rest);
            case "arg" -> Arguments.of(words(rest, escape));
            case "env" -> nameValues(rest, "ENV", escape);
            case "label" -> nameValues(rest, "LABEL", escape);
            case "expose", "from" -> whitespaceDelimited(rest);
            case "healthcheck" -> healthcheck(rest);
            case "maintainer", "stopsignal", "user", "workdir" ->
                rest.isEmpty() ? Arguments.NONE : Arguments.of(List.of(rest));
            case "onbuild" ->
                rest.isEmpty() ? Arguments.NONE : new Arguments(List.of(), parse(rest, escape, List.of()), false);
            // unknown instructions keep one empty argument, as BuildKit's "ignore" parser leaves an empty node
            default -> Arguments.of(List.of(""));
        };
    }

    /** RUN, CMD, ENTRYPOINT, SHELL: a JSON array of strings, else the whole text as one argument. */
    private static Arguments maybeJson(String rest) throws LineError {
        if (rest.isEmpty()) {
            return Arguments.NONE;
        }
        List<String> json = JsonArgs.parse(rest);
        return json != null ? new Arguments(json, null, true) : Arguments.of(List.of(rest));
    }

    /** ADD, COPY, VOLUME: a JSON array of strings, else whitespace-separated words. */
    private static Arguments maybeJsonToList(String rest) throws LineError {
        List<String> json = JsonArgs.parse(rest);
        return json != null ? new Arguments(json, null, true) : whitespaceDelimited(rest);
    }

    private static Arguments whitespaceDelimited(String rest) {
        return rest.isEmpty() ? Arguments.NONE : Arguments.of(GoText.regexSplit(WHITESPACE, rest, -1));
    }

    /** HEALTHCHECK: the type word (scanned byte by byte, as BuildKit does), then the rest as for CMD. */
    private static Arguments healthcheck(String rest) throws LineError {
        String bytes = GoText.toByteView(rest);
        int typeEnd = 0;
        while (typeEnd < bytes.length() && !GoText.isSpace(bytes.charAt(typeEnd))) {
            typeEnd++;
        }
        int commandStart = typeEnd;
        while (commandStart < bytes.length() && GoText.isSpace(bytes.charAt(commandStart))) {
            commandStart++;
        }
        if (typeEnd == 0) {
            return Arguments.NONE;
        }
        Arguments command = maybeJson(GoText.fromByteView(bytes.substring(commandStart)));
        List<String> args = new ArrayList<>();
        args.add(GoText.fromByteView(bytes.substring(0, typeEnd)));
        args.addAll(command.args());
        return new Arguments(List.copyOf(args), null, command.json());
    }

    /**
     * ENV and LABEL: {@code name=value ...} groups of (name, value, "="); or the legacy {@code name value}
     * with the rest of the line as value and an empty separator.
     */
    private static Arguments nameValues(String rest, String instruction, char escape) throws LineError {
        List<String> words = words(rest, escape);
        if (words.isEmpty()) {
            return Arguments.NONE;
        }
        List<String> args = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            List<String> parts = GoText.regexSplit(WHITESPACE, rest, 2);
            if (parts.size() < 2) {
                throw new LineError(instruction + " must have two arguments");
            }
            args.addAll(List.of(parts.get(0), parts.get(1), ""));
            return Arguments.of(args);
        }
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals < 0) {
                throw new LineError(
                        "Syntax error - can't find = in " + GoText.quote(word) + ". Must be of the form: name=value");
            }
            args.addAll(List.of(word.substring(0, equals), word.substring(equals + 1), "="));
        }
        return Arguments.of(args);
    }

    /**
     * Splits on whitespace, keeping quotes and escapes in the words; quoted whitespace does not split.
     * An escape at the very end is dropped.
     */
    static List<String> words(String rest, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean blankOk = false;
        int quote = 0;
        int[] chars = rest.codePoints().toArray();
        for (int i = 0; i < chars.length; i++) {
            int ch = chars[i];
            boolean last = i == chars.length - 1;
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == escape && quote != '\'') {
                    if (last) {
                        quote = 0;
                        continue;
                    }
                    word.appendCodePoint(ch);
                    ch = chars[++i];
                }
                word.appendCodePoint(ch);
                continue;
            }
            if (GoText.isSpace(ch)) {
                if (inWord && (blankOk || word.length() > 0)) {
                    words.add(word.toString());
                }
                inWord = false;
                word.setLength(0);
                blankOk = false;
                continue;
            }
            inWord = true;
            if (ch == '\'' || ch == '"') {
                quote = ch;
                blankOk = true;
            } else if (ch == escape) {
                if (last) {
                    continue;
                }
                word.appendCodePoint(ch);
                ch = chars[++i];
            }
            word.appendCodePoint(ch);
        }
        if (inWord && (blankOk || word.length() > 0)) {
            words.add(word.toString());
        }
        return words;
    }
}
