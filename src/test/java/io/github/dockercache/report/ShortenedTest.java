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

    /** Two RUNs behind the same cache and secret mounts: their commands tell them apart, not the mounts. */
    @Test
    void aRunTooLongForItsFlagsShowsTheirNamesAndTheCommand() {
        String mounts = "RUN --mount=type=cache,target=/root/.m2"
                + " --mount=type=secret,id=maven_settings,target=/root/.m2/settings.xml ";
        assertEquals(
                "RUN [--mount --mount] mvn dependency:go-offline",
                Shortened.of(mounts + "mvn dependency:go-offline", 64));
        assertEquals(
                "RUN [--mount --mount] mvn -B package -DskipTests",
                Shortened.of(mounts + "mvn -B package -DskipTests", 64));
        assertEquals(
                "RUN --mount=type=cache,target=/root/.m2 mvn package",
                Shortened.of("RUN --mount=type=cache,target=/root/.m2 mvn package", 64),
                "what fits stays whole");
        assertEquals("COPY --from=build ...", Shortened.of("COPY --from=build /workspace/target/app.jar /app.jar", 30));
    }

    @Test
    void controlCharactersAreEscapedBeforeMeasuring() {
        assertEquals("RUN echo \\u001b[31m", Shortened.of("RUN echo \u001b[31m", 64));
    }
}
