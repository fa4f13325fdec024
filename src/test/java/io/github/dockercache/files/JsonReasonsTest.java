package io.github.dockercache.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** Gson's reasons, as the registry client, the baseline store and the build-log reader word them. */
class JsonReasonsTest {
    @Test
    void aJsonProblemIsGsonsReasonOnOneLine() {
        JsonParseException cut =
                assertThrows(JsonParseException.class, () -> JsonParser.parseString("{\"rootfs\":{\"type\":\"lay"));

        assertEquals("Unterminated string at line 1 column 23 path $.rootfs.type", JsonReasons.firstLine(cut));
    }

    @Test
    void theInnermostCauseWithAMessageSpeaks() {
        Exception deep = new RuntimeException(
                "outer",
                new IllegalStateException("middle", new IllegalArgumentException("inner\nsee https://example.com")));

        assertEquals("inner", JsonReasons.firstLine(deep));
    }

    @Test
    void aProblemWithoutACauseIsItsOwnMessage() {
        assertEquals(
                "Not a JSON Object: []",
                JsonReasons.firstLine(assertThrows(
                        IllegalStateException.class,
                        () -> JsonParser.parseString("[]").getAsJsonObject())));
    }
}
