package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.model.Snapshot;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
