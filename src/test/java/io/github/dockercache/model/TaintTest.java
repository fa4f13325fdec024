package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaintTest {
    @Test
    void countsReadsOfSecretVariablesOnly() {
        Taint taint = new Taint(Secrets.PATTERNS_ONLY);
        var lookup = taint.lookup(Map.of("DB_PASS", "hunter2", "VERSION", "1")::get, Set.of("DB_PASS"));
        lookup.get("VERSION");
        lookup.get("UNSET");
        assertEquals(0, taint.reads());
        lookup.get("DB_PASS");
        assertEquals(1, taint.reads());
        assertEquals("pass=<secret>", taint.scrub("pass=hunter2"), "a secret read is remembered");
    }

    @Test
    void scrubsLongestFirstInOnePass() {
        Taint taint = new Taint(Secrets.PATTERNS_ONLY);
        taint.remember("hunter2");
        taint.remember("app:hunter2@db");
        taint.remember("e"); // a letter of the marker itself
        taint.remember("");
        assertEquals(
                "url <secret>, pass <secret>, next <secret>", taint.scrub("url app:hunter2@db, pass hunter2, next e"));
        taint.remember("next");
        assertEquals("<secret>", taint.scrub("next"), "a text remembered later is scrubbed too");
    }

    @Test
    void aShortSecretIsScrubbedOnlyWhereItStandsAlone() {
        Taint taint = new Taint(Secrets.PATTERNS_ONLY);
        taint.remember("a");
        taint.remember("1234");
        assertEquals(
                "failed to compute cache key: /ctx/<secret>/b: pin <secret>, not 12345",
                taint.scrub("failed to compute cache key: /ctx/a/b: pin 1234, not 12345"),
                "taken out of words, a short secret would read back from the gaps");
        taint.remember("hunter2secret");
        assertEquals("x<secret>y", taint.scrub("xhunter2secrety"), "a longer one wherever it is");
    }
}
