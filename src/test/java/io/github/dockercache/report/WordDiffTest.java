package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordDiffTest {
    @Test
    void marksRemovedAndAddedWords() {
        assertEquals(
                "RUN mvn -B [-package-] {+verify+} -DskipTests",
                WordDiff.of("RUN mvn -B package -DskipTests", "RUN mvn -B verify -DskipTests"));
    }

    @Test
    void equalTextsHaveNoMarks() {
        assertEquals("COPY src ./src", WordDiff.of("COPY src ./src", "COPY  src   ./src"));
    }

    @Test
    void appendedWords() {
        assertEquals("RUN make {+-j4+}", WordDiff.of("RUN make", "RUN make -j4"));
    }
}
