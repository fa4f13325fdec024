package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dockercache.cost.StepCosts;
import io.github.dockercache.history.ImageHistory;
import io.github.dockercache.history.ReplayFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReportTest {
    @TempDir
    Path directory;

    @Test
    void consoleNamesTheBustingCommitsWithExplainsCausesAndTheRates() throws Exception {
        ImageHistory history = ReplayFixture.history(directory);
        List<String> lines = HistoryReport.console(history, null).stream()
                .map(ReportLine::text)
                .toList();
        assertEquals(
                List.of(
                        "History of Dockerfile over HEAD~7..HEAD: 7 commits, 6 compared, 3 rebuilt a stable layer.",
                        "  commit   subject                  first stable step rebuilt  cause",
                        "  cf452b8  Add a dependency         3 COPY pom.xml .           pom.xml content changed (48 -> 63 bytes)",
                        "  7e26a5f  Make pom.xml executable  3 COPY pom.xml .           pom.xml mode bits changed 0644 -> 0755",
                        "  069598a  Bump busybox to 1.37     1 FROM busybox:1.37        the base image changed:"
                                + " docker.io/library/busybox:1.36 -> docker.io/library/busybox:1.37",
                        "Rebuild rate per step over the 6 commits compared:",
                        "  1 FROM busybox:1.36 [stable]: rebuilt by 1 of 6 commits",
                        "  2 WORKDIR /app [stable]: rebuilt by 1 of 6 commits",
                        "  3 COPY pom.xml . [stable]: rebuilt by 3 of 6 commits",
                        "  4 RUN mvn -B dependency:go-offline [stable]: rebuilt by 3 of 6 commits",
                        "  5 COPY src ./src: rebuilt by 4 of 6 commits",
                        "  6 RUN mvn -B package: rebuilt by 4 of 6 commits",
                        "  7 COPY target/app.jar app.jar: rebuilt by 4 of 6 commits, unknown in 2",
                        "Not compared: bd0f6c8 Initial import (nothing earlier to compare with: the first commit).",
                        "Note: the build context holds files git does not track (target/): steps that read them are unknown."),
                lines);
    }

    @Test
    void aBuildLogGivesTheTimeEachStepLost() throws Exception {
        ImageHistory history = ReplayFixture.history(directory.resolve("repository"));
        Path log = directory.resolve("build.log");
        Files.writeString(log, """
                #5 [2/7] WORKDIR /app
                #5 DONE 0.1s

                #6 [3/7] COPY pom.xml .
                #6 DONE 0.2s

                #7 [4/7] RUN mvn -B dependency:go-offline
                #7 DONE 41.0s
                """);
        StepCosts costs = StepCosts.read(log);
        List<String> lines = HistoryReport.console(history, costs).stream()
                .map(ReportLine::text)
                .toList();
        assertTrue(
                lines.contains(
                        "  4 RUN mvn -B dependency:go-offline [stable]: rebuilt by 3 of 6 commits, about 2 min 3 s"
                                + " lost (41 s each)"),
                String.join("\n", lines));
        JsonObject step = JsonParser.parseString(HistoryReport.json(history, costs))
                .getAsJsonObject()
                .getAsJsonArray("steps")
                .get(3)
                .getAsJsonObject();
        assertEquals(41.0, step.get("seconds").getAsDouble());
        assertEquals(123.0, step.get("lostSeconds").getAsDouble());
    }

    @Test
    void jsonHoldsEveryCommitAndStep() throws Exception {
        ImageHistory history = ReplayFixture.history(directory);
        JsonObject json =
                JsonParser.parseString(HistoryReport.json(history, null)).getAsJsonObject();
        assertEquals("dockercache-history", json.get("format").getAsString());
        assertEquals(7, json.getAsJsonArray("commits").size());
        JsonObject dependency = json.getAsJsonArray("commits").get(2).getAsJsonObject();
        assertEquals("Add a dependency", dependency.get("subject").getAsString());
        JsonObject bust = dependency.getAsJsonObject("firstStableRebuilt");
        assertEquals("3", bust.get("step").getAsString());
        assertEquals("FILE_CONTENT", bust.get("causeKind").getAsString());
        JsonObject revert = json.getAsJsonArray("commits").get(6).getAsJsonObject();
        assertTrue(revert.get("firstStableRebuilt") == null
                || revert.get("firstStableRebuilt").isJsonNull());
        assertEquals(
                "unknown",
                revert.getAsJsonArray("steps")
                        .get(6)
                        .getAsJsonObject()
                        .get("verdict")
                        .getAsString());
        assertNull(json.getAsJsonArray("steps").get(0).getAsJsonObject().get("seconds"));
    }

    @Test
    void htmlIsWellFormedWithACellPerCommitAndLayer() throws Exception {
        ImageHistory history = ReplayFixture.history(directory);
        String html = HistoryReport.html(history);
        // well-formed: the JDK's XML parser reads it
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(
                        html.replace("<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
        // 7 layers by 7 commits, the first commit not compared
        assertEquals(49, html.split("<td class=\"(rebuilt|cached|unknown|none)\"", -1).length - 1);
        assertEquals(7, html.split("<td class=\"none\"", -1).length - 1);
    }
}
