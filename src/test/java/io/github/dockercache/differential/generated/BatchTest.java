package io.github.dockercache.differential.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchTest {
    private final Pair copy = new Pair(
            "copy",
            "COPY",
            "--chmod",
            "644 -> 0644",
            Pair.Kind.EQUIVALENT,
            "FROM {base} AS {s}\nCOPY --chmod=644 {d}/a /f",
            "FROM {base} AS {s}\nCOPY --chmod=0644 {d}/a /f",
            List.of());
    private final Pair from = new Pair(
            "from",
            "COPY",
            "--from stage",
            "index",
            Pair.Kind.EQUIVALENT,
            "FROM {base} AS {s}-src\nRUN echo s > /s\nFROM {base} AS {s}\nCOPY --from={s}-src /s /f",
            "FROM {base} AS {s}-src\nRUN echo s > /s\nFROM {base} AS {s}\nCOPY --from={i} /s /f",
            List.of());

    @Test
    void rendersEachBlockWithMarkersAndALastStageThatNeedsThemAll() {
        Batch.Rendered after = new Batch(List.of(copy, from), List.of("p0001", "p0002")).render(true);
        assertEquals("""
                FROM dockercache-busybox:latest AS p0001
                COPY p0001/.m0 /.m0
                COPY --chmod=0644 p0001/a /f
                FROM dockercache-busybox:latest AS p0002-src
                COPY p0002/.m0 /.m0
                RUN echo s > /s
                FROM dockercache-busybox:latest AS p0002
                COPY p0002/.m1 /.m1
                COPY --from=1 /s /f
                FROM dockercache-busybox:latest AS canary
                COPY .canary /.canary
                FROM scratch AS all-pairs
                COPY --from=canary /.canary /canary
                COPY --from=0 /.m0 /p0001
                COPY --from=2 /.m1 /p0002
                """, after.text());
    }

    @Test
    void locatesLinesAndStagesInTheirPair() {
        Batch.Rendered before = new Batch(List.of(copy, from), List.of("p0001", "p0002")).render(false);
        assertSame(copy, before.atLine(3));
        assertSame(from, before.atLine(4));
        assertNull(before.atLine(10));
        assertNull(before.atLine(13));
        assertNull(before.atLine(99));
        assertEquals(Set.of("p0001", "p0002-src", "p0002"), before.pairOfStage().keySet());
        assertSame(from, before.pairOfStage().get("p0002-src"));
    }

    @Test
    void refusesABlockWithoutANamedStage() {
        Pair unnamed =
                new Pair("x", "RUN", "f", "e", Pair.Kind.CHANGE, "FROM {base}\nRUN a", "FROM {base}\nRUN b", List.of());
        Batch batch = new Batch(List.of(unnamed), List.of("p0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> batch.render(false))
                .getMessage()
                .contains("no name"));
    }

    @Test
    void aPairMustChangeSomething() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Pair("x", "RUN", "f", "e", Pair.Kind.CHANGE, "FROM a AS b", "FROM a AS b", List.of()));
    }

    @Test
    void neverBatchesAWholeFilePair() {
        Pair global = new Pair(
                "global",
                "ARG",
                "global",
                "1 -> 2",
                Pair.Kind.CHANGE,
                "ARG V=1\nFROM {base} AS {s}",
                "ARG V=2\nFROM {base} AS {s}",
                List.of(),
                Pair.WholeFile.NO_IGNORE);
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new Batch(List.of(copy, global), List.of("p0001", "p0002")))
                .getMessage()
                .contains("never in a batch"));
        assertTrue(
                new Batch(List.of(global), List.of("p0002")).render(true).text().startsWith("ARG V=2\nFROM "));
    }

    @Test
    void aWholeFilePairMayChangeOnlyItsDockerignore() {
        String block = "FROM {base} AS {s}\nCOPY . /c";
        new Pair("x", "COPY", "f", "e", Pair.Kind.CHANGE, block, block, List.of(), new Pair.WholeFile(null, "b"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Pair(
                        "x",
                        "COPY",
                        "f",
                        "e",
                        Pair.Kind.CHANGE,
                        block,
                        block,
                        List.of(),
                        new Pair.WholeFile("b", "b")));
    }
}
