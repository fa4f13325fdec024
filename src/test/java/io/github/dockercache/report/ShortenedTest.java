package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShortenedTest {
    @Test
    void textThatFitsIsFlattenedOnly() {
        assertEquals("RUN a && b", Shortened.of("RUN a\n    &&\tb\n", 20));
    }

    @Test
    void longerTextIsCutAfterTheLastWholeWordThatFitsWithTheMarker() {
        assertEquals("COPY --from=build ...", Shortened.of("COPY --from=build /workspace/target/app.jar /app.jar", 30));
        assertEquals(
                "COPY --from=build /workspace/target/app.jar ...",
                Shortened.of("COPY --from=build /workspace/target/app.jar /app.jar", 48));
    }

    @Test
    void theKeywordStaysAndNoWordIsCutEvenWhenNothingElseFits() {
        assertEquals("COPY ...", Shortened.of("COPY /a/very/long/path/that/does/not/fit.jar /app.jar", 12));
        assertEquals("SUPERCALIFRAGILISTIC", Shortened.of("SUPERCALIFRAGILISTIC", 8));
    }

    @Test
    void controlCharactersAreEscapedBeforeMeasuring() {
        assertEquals("RUN echo \\u001b[31m", Shortened.of("RUN echo \u001b[31m", 64));
    }
}
