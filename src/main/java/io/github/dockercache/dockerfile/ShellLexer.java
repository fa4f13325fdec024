package io.github.dockercache.dockerfile;

import java.util.List;

/** Expands variables in Dockerfile words exactly as BuildKit's shell lexer does (spec 8.5). */
public final class ShellLexer {
    private final char escape;

    public ShellLexer(char escape) {
        this.escape = escape;
    }

    /** Expands one word: variables substituted, quotes and escapes removed. */
    public String processWord(String word, VariableLookup variables) throws ExpansionException {
        throw new UnsupportedOperationException("lexer not implemented yet");
    }

    /** Expands and splits on unquoted whitespace, as BuildKit does for words that may become several. */
    public List<String> processWords(String word, VariableLookup variables) throws ExpansionException {
        throw new UnsupportedOperationException("lexer not implemented yet");
    }
}
