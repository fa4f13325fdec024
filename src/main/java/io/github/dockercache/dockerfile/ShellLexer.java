package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Expands variables in Dockerfile words exactly as BuildKit's shell lexer does (cache-model §8.5).
 *
 * <p>One file, as BuildKit's {@code shell/lex.go} is: one scanner whose parts call each other over one state.
 */
public final class ShellLexer {
    /**
     * Go's growable stacks let BuildKit nest {@code ${a:-${b:-...}}} as deep as a line allows; the
     * recursion here overflowed a 1 MB Java stack at about a thousand quoted levels. Real files nest a
     * handful of levels, so deeper words are rejected with an ordinary expansion error instead; 200 levels
     * fit in half that stack.
     */
    static final int MAX_NESTING = 200;
    /**
     * The longest word an expansion may produce (docs/limits.md): an ARG that doubles itself two dozen times
     * ({@code ARG A=$A$A}) reaches 16 million characters, and a line of references to it gigabytes. BuildKit has no
     * limit; no real Dockerfile needs a word of a million characters.
     */
    public static final int MAX_WORD_LENGTH = 1 << 20;
    /**
     * What all the expansions of one Dockerfile may produce together ({@link #forOneDockerfile}): each value is kept
     * (an ARG, an ENV, a step's text), so a thousand words just under {@link #MAX_WORD_LENGTH} would fill the heap.
     */
    public static final long MAX_TOTAL_LENGTH = 4L << 20;

    private final char escape;
    private final Options options;
    /** Characters the expansions may still produce, over all words; Long.MAX_VALUE when unbudgeted. */
    private long budget = Long.MAX_VALUE;

    /**
     * BuildKit's lexer switches, used by the parser itself to find heredoc words.
     *
     * @param rawQuotes keep quote characters in the result
     * @param rawEscapes keep escape characters in the result
     * @param skipUnsetEnv leave references to unset variables as written
     * @param skipProcessQuotes quote characters are ordinary characters (BuildKit expands heredoc bodies so)
     */
    record Options(boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv, boolean skipProcessQuotes) {
        static final Options DEFAULT = new Options(false, false, false, false);
        private static final Options HEREDOC_BODY = new Options(false, false, false, true);
    }

    /** The outcome of one expansion, with the variables it referenced. */
    public record Expansion(String result, List<String> words, Set<String> matched, Set<String> unmatched) {}

    public ShellLexer(char escape) {
        this(escape, Options.DEFAULT);
    }

    /**
     * A lexer for the expansions of one Dockerfile: together they may produce at most {@link #MAX_TOTAL_LENGTH}
     * characters.
     */
    public static ShellLexer forOneDockerfile(char escape) {
        ShellLexer lexer = new ShellLexer(escape);
        lexer.budget = MAX_TOTAL_LENGTH;
        return lexer;
    }

    /**
     * How BuildKit expands the body of a COPY/ADD heredoc with an unquoted delimiter: backslash escapes whatever
     * the file's escape character, and quotes are ordinary characters ({@code '$V'} is expanded, quotes kept).
     */
    public static ShellLexer forHeredocBody() {
        return new ShellLexer('\\', Options.HEREDOC_BODY);
    }

    ShellLexer(char escape, Options options) {
        this.escape = escape;
        this.options = options;
    }

    /** Expands one word: variables substituted, quotes and escapes removed. */
    public String processWord(String word, VariableLookup variables) throws ExpansionException {
        return expand(word, variables).result();
    }

    /** Expands and splits on unquoted whitespace, as BuildKit does for words that may become several. */
    public List<String> processWords(String word, VariableLookup variables) throws ExpansionException {
        return expand(word, variables).words();
    }

    /**
     * Expands {@code word} and reports which variables it referenced: {@code matched} were set (even to
     * the empty string), {@code unmatched} were not.
     */
    public Expansion expand(String word, VariableLookup variables) throws ExpansionException {
        WordScan scan = new WordScan(word, variables);
        try {
            Part part = scan.processStopOn(WordScan.EOF, options.rawEscapes());
            spend(part.text().length());
            return new Expansion(part.text(), part.words(), Set.copyOf(scan.matched), Set.copyOf(scan.unmatched));
        } catch (ExpansionException e) {
            throw new ExpansionException("failed to process " + GoText.quote(word) + ": " + e.getMessage());
        }
    }

    private void spend(int length) throws ExpansionException {
        if (budget == Long.MAX_VALUE) {
            return;
        }
        if (length > budget) {
            budget = 0;
            throw new ExpansionException(String.format(
                    Locale.ROOT,
                    "the expansions of this Dockerfile add up to more"
                            + " than %,d characters, the limit of dockercache (docs/limits.md); check the ARG and ENV values"
                            + " that grow",
                    MAX_TOTAL_LENGTH));
        }
        budget -= length;
    }

    /** The text a scan produced, and the same text split into words. */
    private record Part(String text, List<String> words) {}

    /** One expansion: a cursor over the code points of the word, and the lexer state BuildKit keeps. */
    private final class WordScan {
        static final int EOF = -1;

        private final int[] chars;
        private int pos;
        private final VariableLookup variables;
        private boolean rawEscapes = options.rawEscapes();
        private final Set<String> matched = new LinkedHashSet<>();
        private final Set<String> unmatched = new LinkedHashSet<>();
        /**
         * BuildKit reuses one word buffer for the whole expansion, and each nested {@code ${...}} clears
         * it, so text collected before a nested expansion is lost from the split words. ProcessWords
         * (EXPOSE, heredoc detection) really behaves like that; this reproduces it.
         */
        private final StringBuilder sharedWordBuffer = new StringBuilder();
        /** How many scans are open: each nested {@code ${name<op>word}} opens one, recursively. */
        private int nesting;

        WordScan(String word, VariableLookup variables) {
            // Go's scanner reads each byte that is not UTF-8 as U+FFFD: what the lexer expands is coerced so
            this.chars = ShellPattern.withoutLeadingBom(DockerfileBytes.coerced(word))
                    .codePoints()
                    .toArray();
            this.variables = variables;
        }

        /** Fails once a word grows past {@link #MAX_WORD_LENGTH}, before it can fill the heap. */
        private void bounded(StringBuilder word) throws ExpansionException {
            if (word.length() > MAX_WORD_LENGTH) {
                throw new ExpansionException(String.format(
                        Locale.ROOT,
                        "the expanded word is longer than %,d"
                                + " characters, the limit of dockercache (docs/limits.md); check the ARG and ENV values it"
                                + " references",
                        MAX_WORD_LENGTH));
            }
        }

        int peek() {
            return pos < chars.length ? chars[pos] : EOF;
        }

        int next() {
            return pos < chars.length ? chars[pos++] : EOF;
        }

        Part processStopOn(int stopChar, boolean rawEscapesHere) throws ExpansionException {
            if (nesting > MAX_NESTING) {
                throw new ExpansionException("expansions nested more than " + MAX_NESTING + " deep");
            }
            boolean saved = rawEscapes;
            rawEscapes = rawEscapesHere;
            nesting++;
            try {
                return scanUntil(stopChar);
            } finally {
                nesting--;
                rawEscapes = saved;
            }
        }

        private Part scanUntil(int stopChar) throws ExpansionException {
            StringBuilder result = new StringBuilder();
            sharedWordBuffer.setLength(0);
            Words words = new Words(sharedWordBuffer);
            while (peek() != EOF) {
                int ch = peek();
                if (stopChar != EOF && ch == stopChar) {
                    next();
                    return new Part(result.toString(), words.finish());
                }
                if (ch == '$') {
                    String value = processDollar();
                    result.append(value);
                    bounded(result);
                    words.addString(value);
                } else if (ch == '<' || (!options.skipProcessQuotes() && (ch == '\'' || ch == '"'))) {
                    String text = ch == '<'
                            ? processPossibleHeredoc()
                            : ch == '\'' ? processSingleQuote() : processDoubleQuote();
                    result.append(text);
                    bounded(result);
                    words.addRawString(text);
                } else {
                    ch = next();
                    if (ch == escape) {
                        if (rawEscapes) {
                            words.addRawChar(ch);
                            result.appendCodePoint(ch);
                        }
                        ch = next();
                        if (ch == EOF) {
                            break; // a trailing escape is dropped
                        }
                        words.addRawChar(ch);
                    } else {
                        words.addChar(ch);
                    }
                    result.appendCodePoint(ch);
                }
            }
            if (stopChar != EOF) {
                throw new ExpansionException("unexpected end of statement while looking for matching "
                        + new String(Character.toChars(stopChar)));
            }
            return new Part(result.toString(), words.finish());
        }

        /** Single quotes: everything literal up to the next single quote. */
        private String processSingleQuote() throws ExpansionException {
            StringBuilder result = new StringBuilder();
            int quote = next();
            if (options.rawQuotes()) {
                result.appendCodePoint(quote);
            }
            while (true) {
                int ch = next();
                if (ch == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
                }
                if (ch == '\'') {
                    if (options.rawQuotes()) {
                        result.appendCodePoint(ch);
                    }
                    return result.toString();
                }
                result.appendCodePoint(ch);
            }
        }

        /** Double quotes: variables expand; the escape only escapes {@code "}, {@code $} and itself. */
        private String processDoubleQuote() throws ExpansionException {
            StringBuilder result = new StringBuilder();
            int quote = next();
            if (options.rawQuotes()) {
                result.appendCodePoint(quote);
            }
            while (true) {
                int peeked = peek();
                if (peeked == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
                }
                if (peeked == '"') {
                    next();
                    if (options.rawQuotes()) {
                        result.append('"');
                    }
                    return result.toString();
                }
                if (peeked == '$') {
                    result.append(processDollar());
                    bounded(result);
                    continue;
                }
                int ch = next();
                if (ch == escape) {
                    if (rawEscapes) {
                        result.appendCodePoint(ch);
                    }
                    int following = peek();
                    if (following == EOF) {
                        continue;
                    }
                    if (following == '"' || following == '$' || following == escape) {
                        ch = next();
                    }
                }
                result.appendCodePoint(ch);
            }
        }

        private String processDollar() throws ExpansionException {
            next();
            if (peek() != '{') {
                String name = processName();
                if (name.isEmpty()) {
                    return "$";
                }
                String value = lookup(name);
                if (value == null && options.skipUnsetEnv()) {
                    return "$" + name;
                }
                return value == null ? "" : value;
            }
            next();
            int first = peek();
            if (first == EOF) {
                throw new ExpansionException("syntax error: missing '}'");
            }
            if (first == '{' || first == '}' || first == ':') {
                throw new ExpansionException("syntax error: bad substitution");
            }
            String name = processName();
            int ch = next();
            String modifier = describe(ch);
            return switch (ch) {
                case '}' -> {
                    String value = lookup(name);
                    if (value == null && options.skipUnsetEnv()) {
                        yield "${" + name + "}";
                    }
                    yield value == null ? "" : value;
                }
                case ':' -> {
                    int op = next();
                    yield applyModifier(name, op, modifier + describe(op), true);
                }
                case '+', '-', '?', '#', '%' -> applyModifier(name, ch, modifier, false);
                case '/' -> substitute(name);
                default -> throw unsupportedModifier(modifier);
            };
        }

        /** {@code ${name<op>word}} for the operators {@code - + ? # %}, optionally after {@code :}. */
        private String applyModifier(String name, int op, String modifier, boolean nullIsUnset)
                throws ExpansionException {
            boolean isTrim = op == '#' || op == '%';
            if (nullIsUnset && isTrim) {
                throw unsupportedModifier(modifier);
            }
            String word = processStopOnOrMissing('}', isTrim, "syntax error: missing '}'");
            String value = lookup(name);
            boolean set = value != null;
            if (!set && options.skipUnsetEnv()) {
                return "${" + name + modifier + word + "}";
            }
            boolean unsetOrNull = !set || (nullIsUnset && value.isEmpty());
            switch (op) {
                case '-':
                    return unsetOrNull ? word : value;
                case '+':
                    return unsetOrNull ? "" : word;
                case '?':
                    if (!set) {
                        throw new ExpansionException(
                                name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                    }
                    if (unsetOrNull) {
                        throw new ExpansionException(
                                name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                    }
                    return value;
                case '#':
                case '%':
                    return trim(op, word, set ? value : ""); // Go trims the empty string when unset
                default:
                    throw unsupportedModifier(modifier);
            }
        }

        /** {@code #}/{@code %} remove the shortest match, {@code ##}/{@code %%} the longest. */
        private String trim(int op, String word, String value) throws ExpansionException {
            boolean greedy = !word.isEmpty() && word.charAt(0) == op;
            String pattern = greedy ? word.substring(1) : word;
            try {
                return op == '%'
                        ? ShellPattern.trimSuffix(pattern, value, greedy)
                        : ShellPattern.trimPrefix(pattern, value, greedy);
            } catch (ShellPattern.InvalidPatternException e) {
                throw invalidPattern(pattern, e);
            }
        }

        /** {@code ${name/pattern/replacement}} and {@code ${name//pattern/replacement}}. */
        private String substitute(String name) throws ExpansionException {
            boolean all = peek() == '/';
            if (all) {
                next();
            }
            String pattern = processStopOnOrMissing('/', true, "syntax error: missing '/' in ${}");
            String replacement = processStopOnOrMissing('}', true, "syntax error: missing '}'");
            String value = lookup(name);
            if (value == null && options.skipUnsetEnv()) {
                return "${" + name + "/" + pattern + "/" + replacement + "}";
            }
            try {
                return ShellPattern.replace(value == null ? "" : value, pattern, replacement, all);
            } catch (ShellPattern.InvalidPatternException e) {
                throw invalidPattern(pattern, e);
            }
        }

        private String processStopOnOrMissing(int stopChar, boolean rawEscapesHere, String missingMessage)
                throws ExpansionException {
            try {
                return processStopOn(stopChar, rawEscapesHere).text();
            } catch (ExpansionException e) {
                if (peek() == EOF) {
                    throw new ExpansionException(missingMessage);
                }
                throw e;
            }
        }

        /** A name: letters, digits and underscores; or all digits; or one special parameter character. */
        private String processName() {
            StringBuilder name = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (name.length() == 0 && Character.isDigit(ch)) {
                    while (peek() != EOF && Character.isDigit(peek())) {
                        name.appendCodePoint(next());
                    }
                    return name.toString();
                }
                if (name.length() == 0 && isSpecialParameter(ch)) {
                    return describe(next());
                }
                if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                    break;
                }
                name.appendCodePoint(next());
            }
            return name.toString();
        }

        /** BuildKit's lexer sees heredoc markers so that {@code <<  EOF} stays one word. */
        private String processPossibleHeredoc() {
            next();
            if (peek() != '<') {
                return "<";
            }
            next();
            StringBuilder marker = new StringBuilder("<<");
            while (peek() == '\t' || peek() == '\r' || peek() == ' ') {
                marker.appendCodePoint(next());
            }
            return marker.toString();
        }

        private String lookup(String name) {
            String value = variables.get(name);
            (value == null ? unmatched : matched).add(name);
            return value;
        }
    }

    private static boolean isSpecialParameter(int ch) {
        return switch (ch) {
            case '@', '*', '#', '?', '-', '$', '!', '0' -> true;
            default -> false;
        };
    }

    /** How Go prints one rune; the end of input (-1) becomes the replacement character. */
    private static String describe(int ch) {
        return ch < 0 ? "\uFFFD" : new String(Character.toChars(ch));
    }

    private static ExpansionException unsupportedModifier(String modifier) {
        return new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
    }

    private static ExpansionException invalidPattern(String pattern, ShellPattern.InvalidPatternException e) {
        return new ExpansionException("invalid pattern (" + pattern + ") in substitution: " + e.getMessage());
    }

    /** Splits expanded text into words the way BuildKit does, on unquoted whitespace. */
    private static final class Words {
        private final StringBuilder buffer;
        private final List<String> words = new ArrayList<>();
        private boolean inWord;

        Words(StringBuilder buffer) {
            this.buffer = buffer;
        }

        void addChar(int ch) {
            if (GoText.isSpace(ch)) {
                if (inWord && buffer.length() != 0) {
                    words.add(buffer.toString());
                    buffer.setLength(0);
                    inWord = false;
                }
            } else {
                addRawChar(ch);
            }
        }

        void addRawChar(int ch) {
            buffer.appendCodePoint(ch);
            inWord = true;
        }

        void addString(String text) {
            text.codePoints().forEach(this::addChar);
        }

        void addRawString(String text) {
            buffer.append(text);
            inWord = true;
        }

        List<String> finish() {
            if (buffer.length() > 0) {
                words.add(buffer.toString());
                buffer.setLength(0);
                inWord = false;
            }
            return words;
        }
    }
}
