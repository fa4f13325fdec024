package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises heredoc words ({@code [n]<<[-]WORD}) as BuildKit does. */
final class HeredocSyntax {
    /** Go's {@code ^(\d*)<<(-?)\s*([^<]*)$}, with Go's ASCII {@code \s} and end-of-text {@code $}. */
    private static final Pattern HEREDOC_WORD = Pattern.compile("^([0-9]*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)\\z");

    private static final Pattern LEADING_TABS = Pattern.compile("^\\t+", Pattern.MULTILINE | Pattern.UNIX_LINES);

    /** Heredoc markers are always lexed with a backslash escape, whatever the file's escape directive. */
    private static final char MARKER_ESCAPE = '\\';

    private static final ShellLexer UNQUOTING =
            new ShellLexer(MARKER_ESCAPE, new ShellLexer.Options(false, false, true, false));
    private static final ShellLexer KEEPING_QUOTES =
            new ShellLexer(MARKER_ESCAPE, new ShellLexer.Options(true, false, true, false));
    private static final ShellLexer LINE_WORDS =
            new ShellLexer(MARKER_ESCAPE, new ShellLexer.Options(true, true, true, false));
    private static final VariableLookup NO_VARIABLES = name -> null;

    private HeredocSyntax() {}

    /**
     * The heredoc a single word starts (content empty), or null when the word is not a heredoc marker.
     *
     * @throws ExpansionException the delimiter cannot be lexed (an unbalanced quote)
     */
    static Heredoc parseWord(String word) throws ExpansionException {
        Matcher m = HEREDOC_WORD.matcher(word);
        if (!m.matches()) {
            return null;
        }
        String delimiter = m.group(3);
        if (delimiter.isEmpty()) {
            return null;
        }
        List<String> words = UNQUOTING.processWords(delimiter, NO_VARIABLES);
        if (words.size() != 1) {
            return null;
        }
        List<String> rawWords = KEEPING_QUOTES.processWords(delimiter, NO_VARIABLES);
        if (rawWords.size() != 1) {
            throw new ExpansionException("internal lexing of heredoc produced inconsistent results: " + delimiter);
        }
        String name = words.get(0);
        // quotes that the unquoting pass removed mean part of the delimiter was quoted: no expansion
        boolean expand = quoteCount(name) == quoteCount(rawWords.get(0));
        return new Heredoc(name, "", expand, m.group(2).equals("-"), fileDescriptor(m.group(1)));
    }

    /** {@link #parseWord} that treats a malformed marker as no marker. */
    static Heredoc parseWordOrNull(String word) {
        try {
            return parseWord(word);
        } catch (ExpansionException e) {
            return null;
        }
    }

    /** The heredocs a whole instruction line starts, in order (contents empty). */
    static List<Heredoc> fromLine(String line) throws ExpansionException {
        List<String> words;
        try {
            words = LINE_WORDS.processWords(line, NO_VARIABLES);
        } catch (ExpansionException e) {
            return List.of(); // BuildKit ignores a line it cannot lex here
        }
        List<Heredoc> heredocs = new ArrayList<>();
        for (String word : words) {
            Heredoc heredoc = parseWord(word);
            if (heredoc != null) {
                heredocs.add(heredoc);
            }
        }
        return heredocs;
    }

    /** Strips the leading tabs of every line ({@code <<-}). */
    static String chomp(String content) {
        return LEADING_TABS.matcher(content).replaceAll("");
    }

    private static int quoteCount(String s) {
        return (int) s.chars().filter(c -> c == '\'' || c == '"').count();
    }

    /** Go ignores the parse error: no digits give 0, too many digits the largest value. */
    private static int fileDescriptor(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
