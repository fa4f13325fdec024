package io.github.dockercache.context;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * One patternmatcher pattern ({@code .dockerignore} line or {@code --exclude} value), compiled the way
 * moby/patternmatcher does: plain names compare exactly, {@code x/**} by prefix, {@code **}{@code /x} by
 * suffix, anything else through a regular expression in which {@code *} is {@code [^/]*}, {@code ?} is
 * {@code [^/]}, {@code **}{@code /} is {@code (.*\/)?}. Compilation is lazy, as upstream: a pattern Go's
 * {@code filepath.Match} accepts may still fail here, on first use.
 */
public final class IgnorePattern {
    /** How a pattern is matched; names follow patternmatcher's internal shortcuts. */
    public enum Kind {
        EXACT,
        PREFIX,
        SUFFIX,
        REGEXP
    }

    private static final String REGEX_ESCAPED = ".+()|{}$";

    private final String cleaned;
    private final boolean exclusion;
    private final List<String> dirs;
    private Kind kind;
    private String goRegex;
    private Pattern regex;
    /** Literal text every match of the regex starts and ends with: most paths fail these cheap tests. */
    private String literalPrefix;

    private String literalSuffix;
    private BadPatternException compileError;

    IgnorePattern(String cleaned, boolean exclusion) {
        this.cleaned = cleaned;
        this.exclusion = exclusion;
        this.dirs = List.of(cleaned.split("/", -1));
    }

    /** The pattern after cleaning, without its {@code !}. */
    public String text() {
        return cleaned;
    }

    /** True for a {@code !} pattern, which re-includes what earlier patterns excluded. */
    public boolean isExclusion() {
        return exclusion;
    }

    List<String> dirs() {
        return dirs;
    }

    /** The shortcut used to match; compiles the pattern when needed. */
    public Kind kind() throws BadPatternException {
        ensureCompiled();
        return kind;
    }

    /** The Go regular expression patternmatcher builds, or null unless {@link #kind()} is REGEXP. */
    public String goRegex() throws BadPatternException {
        ensureCompiled();
        return goRegex;
    }

    /** True when the whole {@code path} (relative, {@code /}-separated) matches this pattern. */
    public boolean matches(String path) throws BadPatternException {
        ensureCompiled();
        return switch (kind) {
            case EXACT -> path.equals(cleaned);
            case PREFIX -> path.startsWith(cleaned.substring(0, cleaned.length() - 2));
            case SUFFIX -> {
                String suffix = cleaned.substring(2);
                yield path.endsWith(suffix) || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
            }
            case REGEXP ->
                path.startsWith(literalPrefix)
                        && path.endsWith(literalSuffix)
                        && regex.matcher(path).find();
        };
    }

    private void ensureCompiled() throws BadPatternException {
        if (compileError != null) {
            throw compileError;
        }
        if (kind != null) {
            return;
        }
        try {
            compile();
        } catch (BadPatternException e) {
            compileError = e;
            throw e;
        }
    }

    private void compile() throws BadPatternException {
        StringBuilder re = new StringBuilder("^");
        Kind detected = Kind.EXACT;
        int[] cps = cleaned.codePoints().toArray();
        // the current run of code points the regex matches literally; the first run is the prefix
        StringBuilder literal = new StringBuilder();
        String prefix = null;
        int i = 0;
        for (int step = 0; i < cps.length; step++) {
            int ch = cps[i++];
            if (isLiteral(ch)) {
                literal.appendCodePoint(ch);
            } else {
                prefix = prefix == null ? literal.toString() : prefix;
                literal.setLength(0);
            }
            if (ch == '*') {
                if (i < cps.length && cps[i] == '*') {
                    i++;
                    if (i < cps.length && cps[i] == '/') {
                        i++; // "**/" is treated as "**"
                    }
                    if (i == cps.length) {
                        if (detected == Kind.EXACT) {
                            detected = Kind.PREFIX;
                        } else {
                            re.append(".*");
                            detected = Kind.REGEXP;
                        }
                    } else {
                        re.append("(.*/)?");
                        detected = Kind.REGEXP;
                    }
                    if (step == 0) {
                        detected = Kind.SUFFIX;
                    }
                } else {
                    re.append("[^/]*");
                    detected = Kind.REGEXP;
                }
            } else if (ch == '?') {
                re.append("[^/]");
                detected = Kind.REGEXP;
            } else if (ch < 0x80 && REGEX_ESCAPED.indexOf(ch) >= 0) {
                re.append('\\').appendCodePoint(ch);
            } else if (ch == '\\') {
                if (i < cps.length) {
                    re.append('\\').appendCodePoint(cps[i++]);
                    detected = Kind.REGEXP;
                } else {
                    re.append('\\');
                }
            } else if (ch == '[' || ch == ']') {
                re.appendCodePoint(ch);
                detected = Kind.REGEXP;
            } else {
                re.appendCodePoint(ch);
            }
        }
        if (detected == Kind.REGEXP) {
            re.append('$');
            goRegex = re.toString();
            regex = GoRegex.compile(goRegex);
            literalPrefix = prefix == null ? literal.toString() : prefix;
            literalSuffix = literal.toString();
        }
        kind = detected;
    }

    /**
     * True for a pattern code point the regex matches as itself: not a wildcard, class bracket or escape,
     * and not {@code ^}, which compile() leaves unescaped (so it asserts the start of the text).
     */
    private static boolean isLiteral(int ch) {
        return ch != '*' && ch != '?' && ch != '[' && ch != ']' && ch != '\\' && ch != '^';
    }

    @Override
    public String toString() {
        return (exclusion ? "!" : "") + cleaned;
    }
}
