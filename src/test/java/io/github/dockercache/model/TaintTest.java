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
        assertEquals("url <secret>, pass <secret>, n<secret>xt", taint.scrub("url app:hunter2@db, pass hunter2, next"));
        taint.remember("next");
        assertEquals("<secret>", taint.scrub("next"), "a text remembered later is scrubbed too");
    }
}
