package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class ImageResolutionExceptionTest {
    @Test
    void aJsonProblemIsGsonsReasonOnOneLine() {
        JsonParseException cut = assertThrows(JsonParseException.class,
                () -> JsonParser.parseString("{\"rootfs\":{\"type\":\"lay"));

        assertEquals("Unterminated string at line 1 column 23 path $.rootfs.type",
                ImageResolutionException.jsonProblem(cut));
    }

    @Test
    void aProblemWithoutACauseIsItsOwnMessage() {
        assertEquals("Not a JSON Object: []", ImageResolutionException.jsonProblem(
                assertThrows(IllegalStateException.class, () -> JsonParser.parseString("[]").getAsJsonObject())));
    }
}
