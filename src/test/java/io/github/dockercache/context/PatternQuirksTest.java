package io.github.dockercache.context;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behaviour that follows from patternmatcher handing its translation to Go's regexp (RE2) rather than
 * to a glob matcher. Java's regex syntax differs, so these pin down the translation.
 */
class PatternQuirksTest {
    private static IgnorePattern pattern(String text) throws BadPatternException {
        return PatternMatcher.of(List.of(text)).patterns().get(0);
    }

    @Test
    void starInsideAClassBecomesRegexText() throws Exception {
        // "a[*]b" compiles to ^a[[^/]*]b$: RE2 reads the class {'[', '^', '/'} repeated, then "]b".
        IgnorePattern p = pattern("a[*]b");
        assertEquals("^a[[^/]*]b$", p.goRegex());
        assertTrue(p.matches("a]b"));
        assertTrue(p.matches("a[/^]b"));
        assertFalse(p.matches("a*b"));
    }

    @Test
    void backslashLetterIsARegexEscape() throws Exception {
        assertTrue(pattern("\\d").matches("7"));
        assertFalse(pattern("\\d").matches("d"));
        assertThrows(BadPatternException.class, () -> pattern("\\y").matches("y"), "RE2 rejects unknown escapes");
    }

    @Test
    void aBadRegexFailsWithGosMessage() {
        IgnorePattern p = assertDoesNotThrow(() -> pattern("[Local-Only]/"), "filepath.Match does not check ranges");
        BadPatternException e = assertThrows(BadPatternException.class, () -> p.matches("x"));
        assertEquals("error parsing regexp: invalid character class range: `l-O`", e.getMessage());
    }

    @Test
    void unicodeClassesAreRefusedNotGuessed() throws Exception {
        BadPatternException e =
                assertThrows(BadPatternException.class, () -> pattern("*\\pL").matches("a"));
        assertEquals(
                "unsupported regular-expression escape \\p (Unicode classes are not supported by this tool)",
                e.getMessage());
        assertTrue(pattern("*\\Q\\p\\E").matches("x\\p"), "inside \\Q...\\E a \\p is text");
    }

    @Test
    void posixClassesInsideBrackets() throws Exception {
        assertTrue(pattern("[[:digit:]]x").matches("5x"));
        assertFalse(pattern("[[:digit:]]x").matches("ax"));
    }

    @Test
    void caretIsAnAnchorOnlyInRegexPatterns() throws Exception {
        assertTrue(pattern("a^b").matches("a^b"), "no wildcard: compared as an exact string");
        assertFalse(pattern("a^b*").matches("a^bc"), "inside a regex ^ anchors and cannot match there");
    }

    @Test
    void literalTextAroundWildcardsIsRequiredButEscapesAreNot() throws Exception {
        // matching first compares the literal text before the first and after the last wildcard
        assertTrue(pattern("**/*.log").matches("a/b/c.log"));
        assertTrue(pattern("**/*.log").matches("c.log"));
        assertFalse(pattern("**/*.log").matches("a/c.log.txt"));
        assertTrue(pattern("src/*/Main.java").matches("src/x/Main.java"));
        assertFalse(pattern("src/*/Main.java").matches("lib/x/Main.java"));
        assertTrue(pattern("*\\d").matches("a7"), "an escape is a class, not the literal letter");
        assertTrue(pattern("\\dx*").matches("7xy"));
        assertTrue(pattern("[ab]c.txt").matches("bc.txt"));
        assertFalse(pattern("a*^b").matches("a^b"), "^ is an anchor, not text");
    }

    @Test
    void regexMetacharactersAreLiteral() throws Exception {
        assertTrue(pattern("a.(b)+{c}|$*").matches("a.(b)+{c}|$xyz"));
        assertFalse(pattern("a.b*").matches("axb"));
    }

    @Test
    void newlinesAreOrdinaryNameCharacters() throws Exception {
        assertTrue(pattern("a*").matches("a\nb"));
        assertTrue(pattern("**/x").matches("a\nb/x"));
    }

    @Test
    void goMatchWorksOnBytesLikeGo() throws Exception {
        // '*' retries from every byte offset, so "??" can match the tail bytes of one 3-byte character.
        assertTrue(GoMatch.match("*??", "\u263A"));
        assertTrue(GoMatch.match("a?b", "a\u263Ab"));
    }
}
