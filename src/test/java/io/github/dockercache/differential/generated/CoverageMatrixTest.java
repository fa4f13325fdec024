package io.github.dockercache.differential.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.differential.generated.Outcome.Agreement;
import io.github.dockercache.differential.generated.Outcome.Status;
import io.github.dockercache.differential.generated.Outcome.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageMatrixTest {
    private final Pair pair = new Pair(
            "copy-chmod-0-1",
            "COPY",
            "--chmod",
            "(none) -> 644",
            Pair.Kind.CHANGE,
            "FROM {base} AS {s}\nCOPY {d}/a /f",
            "FROM {base} AS {s}\nCOPY --chmod=644 {d}/a /f",
            List.of());

    @Test
    void classifiesEachStepAgainstTheEngine() {
        assertEquals(Agreement.UNSAFE, new Step("s:2", "COPY", "BUILT", "CACHED", null).agreement());
        assertEquals(Agreement.CONSERVATIVE, new Step("s:2", "COPY", "CACHED", "REBUILT", null).agreement());
        assertEquals(Agreement.UNKNOWN, new Step("s:2", "COPY", "BUILT", "UNKNOWN", "why").agreement());
        assertEquals(Agreement.SHAPE, new Step("s:2", "COPY", null, "REBUILT", null).agreement());
        Outcome outcome = new Outcome(
                pair.id(),
                "28",
                Status.PLAYED,
                null,
                List.of(
                        new Step("p:2", "COPY", "CACHED", "CACHED", null),
                        new Step("p:3", "COPY", "BUILT", "CACHED", null)),
                false);
        assertEquals(Agreement.UNSAFE, outcome.agreement());
        assertEquals("rebuilt from step 3", outcome.engineAnswer());
    }

    @Test
    void countsPerFormAndListsEveryDisagreementAndBatchingDifference() {
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        outcomes.put(
                "28",
                List.of(
                        new Outcome(
                                pair.id(),
                                "28",
                                Status.PLAYED,
                                null,
                                List.of(new Step("p:3", "COPY", "BUILT", "CACHED", null)),
                                false),
                        new Outcome(
                                pair.id(),
                                "28",
                                Status.PLAYED,
                                null,
                                List.of(new Step("p:3", "COPY", "CACHED", "CACHED", null)),
                                true)));
        outcomes.put(
                "26",
                List.of(new Outcome(pair.id(), "26", Status.ENGINE_REJECTED, "unknown flag: chmod", List.of(), false)));
        String page = CoverageMatrix.markdown(List.of(pair), outcomes);
        assertTrue(
                page.contains(
                        "| COPY | --chmod | should matter | 1 | 0 / 1 / 0 | 0 / 0 / 0 / 0 / 1 | 0 / 0 / 1 | 0 / 0 / 0 / 0 / 0 |"),
                page);
        assertTrue(
                page.contains("| `copy-chmod-0-1` | COPY --chmod: `(none) -> 644` | rebuilt from step 3 (step 3 "
                        + "unsafe (engine BUILT, plugin CACHED)) | rejected (unknown flag: chmod) |"),
                page);
        assertTrue(
                page.contains("engine 28: 1 pairs played again, each in a Dockerfile of its own: differ: "
                        + "[copy-chmod-0-1]"),
                page);
        String summary = CoverageMatrix.summary(List.of(pair), outcomes);
        assertTrue(summary.contains("engine 28: 1 pairs, 1 played") && summary.contains("unsafe 1"), summary);
    }
}
