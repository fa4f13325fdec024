package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShellLexerTest {
    private static final VariableLookup ENV =
            Variables.of(Map.of("NAME", "world", "EMPTY", "", "PATHV", "/usr/local/bin/tool.tar.gz", "SPACED", "a  b"));
    private final ShellLexer lexer = new ShellLexer('\\');

    private String word(String input) throws ExpansionException {
        return lexer.processWord(input, ENV);
    }

    /** As engine 28 built it (differential scenario heredoc-copy-quotes-in-body). */
    @Test
    void heredocBodiesExpandInsideQuotesAndKeepThem() throws ExpansionException {
        ShellLexer.Expansion body = ShellLexer.forHeredocBody()
                .expand("echo 'hi $NAME' \"and \\$NAME\"\n", Variables.of(Map.of("NAME", "x")));
        assertEquals("echo 'hi x' \"and $NAME\"\n", body.result());
        assertEquals(Set.of("NAME"), body.matched());
    }

    @Test
    void simpleReferences() throws ExpansionException {
        assertEquals("hello world", word("hello $NAME"));
        assertEquals("helloworld!", word("hello${NAME}!"));
        assertEquals("", word("$UNSET"));
        assertEquals("$", word("$"));
        assertEquals("a$.b", word("a$.b"));
    }

    @Test
    void defaultsAndAlternatives() throws ExpansionException {
        assertEquals("x", word("${UNSET:-x}"));
        assertEquals("x", word("${EMPTY:-x}"));
        assertEquals("", word("${EMPTY-x}"));
        assertEquals("world", word("${NAME:-x}"));
        assertEquals("y", word("${NAME:+y}"));
        assertEquals("", word("${EMPTY:+y}"));
        assertEquals("y", word("${EMPTY+y}"));
        assertEquals("world", word("${UNSET:-${NAME}}"));
    }

    @Test
    void requiredVariables() throws ExpansionException {
        assertEquals("world", word("${NAME:?must be set}"));
        ExpansionException unset = assertThrows(ExpansionException.class, () -> word("${UNSET:?must be set}"));
        assertTrue(unset.getMessage().contains("UNSET: must be set"), unset.getMessage());
        ExpansionException empty = assertThrows(ExpansionException.class, () -> word("${EMPTY:?}"));
        assertTrue(empty.getMessage().contains("EMPTY: is not allowed to be empty"), empty.getMessage());
        assertEquals("", word("${EMPTY?msg}"));
        assertThrows(ExpansionException.class, () -> word("${UNSET?msg}"));
    }

    @Test
    void nestedReplaceAllThatWouldReachGigabytesIsRefused() throws ExpansionException {
        // each level puts the inner result between every two characters of the 26-character value
        String level1 = "${PATHV//?/$PATHV}";
        assertEquals(26 * 26, word(level1).length());
        String level4 = "${PATHV//?/${PATHV//?/${PATHV//?/" + level1 + "}}}";
        ExpansionException e = assertThrows(ExpansionException.class, () -> word(level4));
        assertEquals(
                "failed to process \"" + level4 + "\": replacing every match gives more than 1048576 characters;"
                        + " check the nested ${...//...} substitutions",
                e.getMessage());
    }

    @Test
    void prefixAndSuffixRemoval() throws ExpansionException {
        assertEquals("local/bin/tool.tar.gz", word("${PATHV#/usr/}"));
        assertEquals("tool.tar.gz", word("${PATHV##*/}"));
        assertEquals("/usr/local/bin/tool.tar", word("${PATHV%.*}"));
        assertEquals("/usr/local/bin/tool", word("${PATHV%%.*}"));
        assertThrows(ExpansionException.class, () -> word("${PATHV:#x}"));
    }

    @Test
    void deepNestingIsAnExpansionErrorNotAStackOverflow() throws ExpansionException {
        // 5,000 levels used to overflow a 1 MB stack; BuildKit (Go stacks grow) has no limit
        String allowed = "${a:-".repeat(ShellLexer.MAX_NESTING) + "x" + "}".repeat(ShellLexer.MAX_NESTING);
        assertEquals("x", word(allowed));
        String tooDeep = "${a:-".repeat(20_000) + "x" + "}".repeat(20_000);
        ExpansionException e = assertThrows(ExpansionException.class, () -> word(tooDeep));
        assertTrue(e.getMessage().contains("nested more than 200 deep"), e.getMessage());
    }

    @Test
    void prefixAndSuffixRemovalOnUnsetVariableGivesEmpty() throws ExpansionException {
        // found by the corpus: moby/moby's Dockerfile has ARG DELVE_SUPPORTED=${TARGETPLATFORM#linux/amd64}
        assertEquals("", word("${UNSET#linux/amd64}"));
        assertEquals("", word("${UNSET%%-*}"));
        assertEquals("a", word("a${UNSET##*/}"));
    }

    @Test
    void substitution() throws ExpansionException {
        assertEquals("/usr/local/bin/tool-tar.gz", word("${PATHV/./-}"));
        assertEquals("/usr/local/bin/tool-tar-gz", word("${PATHV//./-}"));
        // the replacement of ${V//p/r} is a Go regexp template: an escaped $0 inserts the match
        assertEquals("w\\orld", word("${NAME//o/\\$0}"));
    }

    @Test
    void quotingAndEscapes() throws ExpansionException {
        assertEquals("$NAME", word("'$NAME'"));
        assertEquals("world", word("\"$NAME\""));
        assertEquals("$NAME", word("\\$NAME"));
        assertEquals("a\"b", word("\"a\\\"b\""));
        assertEquals("a\\b", word("\"a\\b\""));
        assertThrows(ExpansionException.class, () -> word("'open"));
        assertEquals("$NAME", new ShellLexer('`').processWord("`$NAME", ENV));
    }

    @Test
    void wordsSplitOnUnquotedWhitespaceOnly() throws ExpansionException {
        assertEquals(List.of("a", "a", "b", "c"), lexer.processWords("a $SPACED c", ENV));
        assertEquals(List.of("x", "a", "b"), lexer.processWords("x $SPACED", ENV));
        assertEquals(List.of("x", "a  b"), lexer.processWords("x \"$SPACED\"", ENV));
    }

    @Test
    void nestedExpansionDropsTextBeforeItFromWordsLikeBuildKit() throws ExpansionException {
        // BuildKit shares one word buffer between nesting levels, so "abc" is lost from the split words
        // (but not from the single-word result)
        assertEquals(List.of("def"), lexer.processWords("abc${UNSET:-def}", ENV));
        assertEquals("abcdef", lexer.processWord("abc${UNSET:-def}", ENV));
    }

    @Test
    void reportsReferencedVariables() throws ExpansionException {
        ShellLexer.Expansion expansion = lexer.expand("$NAME ${EMPTY} $UNSET", ENV);
        assertEquals(java.util.Set.of("NAME", "EMPTY"), expansion.matched());
        assertEquals(java.util.Set.of("UNSET"), expansion.unmatched());
    }
}
