package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.ImageDigests;
import io.github.dockercache.model.SecretKey;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.model.Snapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console text of check: a table that stays readable in a log, and headlines that never cut a path. */
class TextReportTest {
    private static final String JAR_COPY = "COPY --from=build /workspace/target/greeting-service.jar app.jar";
    private static final String LONG_RUN = "RUN apt-get update && apt-get install -y --no-install-recommends curl"
            + " ca-certificates && rm -rf /var/lib/apt/lists/*";

    @TempDir
    Path dir;

    /** The demo's runtime COPY, which the table used to cut inside the jar's name. */
    @Test
    void aCopyOfAJarIsWholeInTheTableAndInItsHeadline() throws Exception {
        JavaBuild build = JavaBuild.in(dir)
                .dockerfile(
                        "FROM maven:3.9.9-eclipse-temurin-17 AS build",
                        "COPY src ./src",
                        "RUN mvn -B -q -o package -DskipTests",
                        "FROM eclipse-temurin:17-jre AS runtime",
                        JAR_COPY);
        Snapshot baseline = build.snapshot();
        build.file("src/main/java/App.java", "class App { int x; }\n");
        List<String> lines = text(TextReport.check(Comparison.compare(build.snapshot(), baseline), FailOn.STABLE));

        assertTrue(lines.contains("  runtime:2  " + JAR_COPY + "  unknown"), String.join("\n", lines));
        assertTrue(
                lines.contains("Step runtime:2 (Dockerfile:5) " + JAR_COPY + " may be rebuilt:"),
                String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(line -> line.contains("...")), String.join("\n", lines));
    }

    /** Longer than the column: cut after a whole word in the table, whole in the step's headline. */
    @Test
    void aLongRunIsCutBetweenWordsInTheTableAndWholeInItsHeadline() throws Exception {
        JavaBuild build = JavaBuild.in(dir).dockerfile("FROM debian:12", LONG_RUN);
        Snapshot baseline = build.snapshot();
        build.dockerfile("FROM debian:12", LONG_RUN + " /tmp/*");
        List<String> lines = text(TextReport.check(Comparison.compare(build.snapshot(), baseline), FailOn.STABLE));

        String row = lines.stream()
                .filter(line -> line.startsWith("  2  "))
                .findFirst()
                .orElseThrow();
        String cell = row.substring("  2  ".length(), row.indexOf(" ...") + " ...".length());
        assertEquals("RUN apt-get update && apt-get install -y ...", cell);
        Set<String> words = Set.copyOf(Arrays.asList(LONG_RUN.split(" ")));
        assertTrue(Arrays.stream(cell.split(" ")).allMatch(word -> words.contains(word) || word.equals("...")), cell);
        assertTrue(
                lines.contains("Step 2 (Dockerfile:2) " + LONG_RUN + " /tmp/* is rebuilt [stable]:"),
                String.join("\n", lines));
    }

    /** A secret build arg changed without a key: the cause names it, the reason says why and what to do, each once. */
    @Test
    void aSecretArgThatCannotBeComparedIsSaidOnceAndNeverShown() throws Exception {
        JavaBuild build = JavaBuild.in(dir).dockerfile("FROM busybox:1.36", "ARG TOKEN", "RUN echo $TOKEN");
        Snapshot baseline = build.snapshot(Map.of("TOKEN", "first-secret-value"), null);
        List<String> lines = text(TextReport.explain(
                Comparison.compare(build.snapshot(Map.of("TOKEN", "second-secret-value"), null), baseline)));

        assertEquals(
                List.of(
                        "Step 2 (Dockerfile:3) RUN echo $TOKEN may be rebuilt [stable]:",
                        "  - build arg TOKEN depends on a secret",
                        "  ? no secret key is configured, so values derived from a secret are not compared. Pass the"
                                + " secret with RUN --mount=type=secret, or set the key (DOCKERCACHE_SECRET_KEY, or the"
                                + " build tool's credentials; see docs/secrets.md)",
                        "2 steps: 1 cached, 0 rebuilt (0 stable), 1 unknown"),
                lines);
        assertNoSecret(lines, "first-secret-value", "second-secret-value");
    }

    /** Recorded with a key, explained without one: the cause says why it cannot be compared, the reason adds why unknown. */
    @Test
    void aSecretArgRecordedWithAKeyAndExplainedWithoutOneIsSaidOnce() throws Exception {
        JavaBuild build = JavaBuild.in(dir).dockerfile("FROM busybox:1.36", "ARG TOKEN", "RUN echo $TOKEN");
        Snapshot baseline = build.analyse(
                        Map.of("TOKEN", "first-secret-value"),
                        null,
                        Builder.BUILDKIT,
                        ImageDigests.NONE,
                        BuildKitVersion.NEWEST,
                        Secrets.of(List.of(), SecretKey.of("text-report-key-0123456789")),
                        null)
                .snapshot();
        List<String> lines = text(TextReport.explain(
                Comparison.compare(build.snapshot(Map.of("TOKEN", "second-secret-value"), null), baseline)));

        assertEquals(
                List.of(
                        "Build args differ from the baseline: TOKEN cannot be compared (a secret).",
                        "Step 2 (Dockerfile:3) RUN echo $TOKEN may be rebuilt [stable]:",
                        "  - build arg TOKEN depends on a secret and cannot be compared: no secret key is configured",
                        "    fix: configure the same secret key (DOCKERCACHE_SECRET_KEY, or the build tool's credentials)"
                                + " where the baseline is recorded and where it is checked, and record the baseline"
                                + " again (docs/secrets.md)",
                        "  ? only values derived from a secret differ, and they may be unchanged",
                        "2 steps: 1 cached, 0 rebuilt (0 stable), 1 unknown"),
                lines);
        assertNoSecret(lines, "first-secret-value", "second-secret-value");
    }

    /** Neither the values nor their digests, nor the masked forms a snapshot holds. */
    private static void assertNoSecret(List<String> lines, String... values) throws Exception {
        String text = String.join("\n", lines);
        for (String value : values) {
            String digest = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
            for (String shown : List.of(value, digest.substring(0, 8), Secrets.MAC_PREFIX, Secrets.WITHHELD)) {
                assertFalse(text.contains(shown), shown + " in\n" + text);
            }
        }
    }

    /** A failing chain is an error, but a later step's own cause in it is an error only when that step fails too. */
    @Test
    void theErrorBlockHoldsWhatFailsAndTheOwnCausesOfLaterStepsAreInformation() throws Exception {
        JavaBuild build = JavaBuild.in(dir);
        Snapshot baseline = build.snapshot();
        build.chmod("pom.xml", "rwxr-xr-x").file("src/main/java/App.java", "class App { int x; }\n");
        List<ReportLine> lines = TextReport.check(Comparison.compare(build.snapshot(), baseline), FailOn.STABLE);

        ReportLine headline = lines.stream()
                .filter(line -> line.text().startsWith("Step build:3 "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", text(lines))));
        assertEquals(ReportLine.Level.ERROR, headline.level(), headline.text());
        ReportLine later = lines.stream()
                .filter(line -> line.text().contains("step build:5 itself: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", text(lines))));
        assertEquals(ReportLine.Level.INFO, later.level(), later.text());
    }

    private static List<String> text(List<ReportLine> lines) {
        return lines.stream().map(ReportLine::text).map(String::stripTrailing).toList();
    }
}
