package io.github.dockercache.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SARIF written for real comparisons, validated against the official SARIF 2.1.0 JSON schema.
 *
 * <p>{@code report/sarif-schema-2.1.0-rtm.5.json} is the final SARIF 2.1.0 JSON schema (draft-04), as shipped in
 * the npm package {@code @microsoft/jest-sarif@1.0.0-beta.0} ({@code lib/schemas/sarif-2.1.0-rtm.5.json}, MIT
 * licence), unchanged.
 */
class SarifReportTest {
    private static JsonSchema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/report/sarif-schema-2.1.0-rtm.5.json")) {
            // format assertions on: an artifact URI must be a valid uri-reference
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in, config);
        }
    }

    @Test
    void failingComparisonHasAnErrorPerViolationAtItsLine() throws Exception {
        JsonObject run = validRun(SarifReport.of(JavaBuild.pomModeChanged(dir), FailOn.STABLE, "Dockerfile"));
        List<JsonObject> results = results(run);
        assertEquals(List.of("build:3", "build:4", "build:5", "build:6", "runtime:3"), stepIds(results));
        assertEquals(List.of("error", "error", "note", "note", "note"), strings(results, "level"));
        assertEquals(List.of("DC001", "DC001", "DC002", "DC002", "DC003"), strings(results, "ruleId"));

        JsonObject chmod = results.get(0);
        JsonObject location =
                chmod.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation");
        assertEquals(
                "Dockerfile",
                location.getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertEquals(3, location.getAsJsonObject("region").get("startLine").getAsInt());
        String message = chmod.getAsJsonObject("message").get("text").getAsString();
        assertTrue(
                message.startsWith(
                        "build:3 COPY pom.xml . is rebuilt [stable], which fails the build (failOn=stable):\n"
                                + "- pom.xml mode bits changed 0644 -> 0755\n    fix: the executable bit was set"),
                message);

        JsonArray related = chmod.getAsJsonArray("relatedLocations");
        assertEquals(1, related.size());
        JsonObject pom = related.get(0).getAsJsonObject();
        assertEquals(1, pom.get("id").getAsInt());
        assertEquals(
                "pom.xml",
                pom.getAsJsonObject("physicalLocation")
                        .getAsJsonObject("artifactLocation")
                        .get("uri")
                        .getAsString());
        assertNull(results.get(1).get("relatedLocations"), "build:4 changed no file: it builds on build:3");
    }

    @Test
    void rulesAreDescribedAndIndexed() throws Exception {
        JsonObject run = validRun(SarifReport.of(JavaBuild.pomModeChanged(dir), FailOn.STABLE, "Dockerfile"));
        JsonObject driver = run.getAsJsonObject("tool").getAsJsonObject("driver");
        assertEquals("dockercache", driver.get("name").getAsString());
        assertEquals(SarifReport.INFORMATION_URI, driver.get("informationUri").getAsString());
        List<JsonObject> rules = objects(driver.getAsJsonArray("rules"));
        assertEquals(List.of("DC001", "DC002", "DC003", "DC004"), strings(rules, "id"));
        for (JsonObject rule : rules) {
            for (String text : List.of("shortDescription", "fullDescription", "help")) {
                assertFalse(
                        rule.getAsJsonObject(text).get("text").getAsString().isBlank(), rule.get("id") + " " + text);
            }
        }
        for (JsonObject result : results(run)) {
            assertEquals(
                    result.get("ruleId"),
                    rules.get(result.get("ruleIndex").getAsInt()).get("id"));
        }
    }

    @Test
    void expectedRebuildIsANoteAndNoError() throws Exception {
        JsonObject run = validRun(SarifReport.of(JavaBuild.pomEdited(dir), FailOn.ANY, "Dockerfile"));
        List<JsonObject> results = results(run);
        assertEquals(List.of("DC004", "DC004", "DC004", "DC004", "DC003"), strings(results, "ruleId"));
        assertTrue(strings(results, "level").stream().allMatch("note"::equals));
        assertTrue(results.get(0)
                .getAsJsonObject("message")
                .get("text")
                .getAsString()
                .contains("(expected: a dependency manifest)"));
    }

    @Test
    void unknownStepSaysWhyAndTheDockerfilePathIsKept() throws Exception {
        JsonObject run = validRun(SarifReport.of(JavaBuild.sourceEdited(dir), FailOn.STABLE, "docker/app/Dockerfile"));
        JsonObject unknown = results(run).get(2);
        assertEquals("DC003", unknown.get("ruleId").getAsString());
        assertEquals("note", unknown.get("level").getAsString());
        String message = unknown.getAsJsonObject("message").get("text").getAsString();
        assertTrue(message.contains("\nunknown: reads /workspace/target/app.jar from stage 'build'"), message);
        assertEquals(
                "docker/app/Dockerfile",
                unknown.getAsJsonArray("locations")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("physicalLocation")
                        .getAsJsonObject("artifactLocation")
                        .get("uri")
                        .getAsString());
        assertEquals(
                11,
                unknown.getAsJsonArray("locations")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("physicalLocation")
                        .getAsJsonObject("region")
                        .get("startLine")
                        .getAsInt());
    }

    @Test
    void aFileTheIgnoreFileNowExcludesIsARelatedLocation() throws Exception {
        JsonObject result = results(validRun(SarifReport.of(JavaProject.nowExcluded(dir), FailOn.ANY, "Dockerfile")))
                .get(0);
        JsonObject notes = result.getAsJsonArray("relatedLocations").get(0).getAsJsonObject();
        assertEquals(
                "src/main/resources/notes.md",
                notes.getAsJsonObject("physicalLocation")
                        .getAsJsonObject("artifactLocation")
                        .get("uri")
                        .getAsString());
        assertEquals(
                "src/main/resources/notes.md is now excluded by .dockerignore (line 3: `**/*.md`)",
                notes.getAsJsonObject("message").get("text").getAsString());
    }

    @Test
    void allCachedHasNoResults() throws Exception {
        JsonObject run = validRun(SarifReport.of(JavaBuild.unchanged(dir), FailOn.ANY, "Dockerfile"));
        assertEquals(0, run.getAsJsonArray("results").size());
    }

    @Test
    void failOnNeverKeepsAStableRebuildAsAWarning() throws Exception {
        JsonObject run = validRun(SarifReport.of(JavaBuild.pomModeChanged(dir), FailOn.NEVER, "Dockerfile"));
        assertEquals(List.of("warning", "warning", "note", "note", "note"), strings(results(run), "level"));
    }

    @Test
    void changedFileNamesBecomeValidUris() throws Exception {
        JavaBuild build = JavaBuild.in(dir).file("src/main/resources/my file#1:100%.txt", "a");
        var baseline = build.snapshot();
        build.file("src/main/resources/my file#1:100%.txt", "b");
        String sarif =
                SarifReport.of(Comparison.compare(build.snapshot(), baseline), FailOn.ANY, "my docker/Dockerfile");
        JsonObject result = results(validRun(sarif)).get(0);
        assertEquals(
                "src/main/resources/my%20file%231%3A100%25.txt",
                result.getAsJsonArray("relatedLocations")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("physicalLocation")
                        .getAsJsonObject("artifactLocation")
                        .get("uri")
                        .getAsString());
        assertEquals(
                "my%20docker/Dockerfile",
                result.getAsJsonArray("locations")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("physicalLocation")
                        .getAsJsonObject("artifactLocation")
                        .get("uri")
                        .getAsString());
    }

    @Test
    void uriReferenceEncodesEverythingButUnreservedCharactersAndSlashes() {
        assertEquals("a-b_c.d~e/F9", SarifReport.uriReference("a-b_c.d~e/F9"));
        assertEquals("c%3A/x", SarifReport.uriReference("c:/x"));
        assertEquals("%C3%A9t%C3%A9%20%E2%9C%93", SarifReport.uriReference("été ✓"));
    }

    @Test
    void theSchemaRejectsWhatIsNotSarif() throws Exception {
        String sarif = SarifReport.of(JavaBuild.pomModeChanged(dir), FailOn.STABLE, "my docker/Dockerfile");
        assertFalse(
                validate(sarif.replace("\"level\": \"error\"", "\"level\": \"fatal\""))
                        .isEmpty(),
                "the validator must catch an unknown level, or it checks nothing");
        assertFalse(
                validate(sarif.replace("my%20docker", "my docker")).isEmpty(),
                "a space is no URI character: the validator checks formats");
    }

    private static JsonObject validRun(String sarif) throws IOException {
        Set<ValidationMessage> errors = validate(sarif);
        assertTrue(errors.isEmpty(), errors + "\n" + sarif);
        JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
        assertEquals(SarifReport.SCHEMA, log.get("$schema").getAsString());
        assertEquals("2.1.0", log.get("version").getAsString());
        assertEquals(1, log.getAsJsonArray("runs").size());
        return log.getAsJsonArray("runs").get(0).getAsJsonObject();
    }

    static Set<ValidationMessage> validate(String sarif) throws IOException {
        return schema.validate(new ObjectMapper().readTree(sarif));
    }

    private static List<JsonObject> results(JsonObject run) {
        return objects(run.getAsJsonArray("results"));
    }

    private static List<JsonObject> objects(JsonArray array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonElement::getAsJsonObject)
                .toList();
    }

    private static List<String> strings(List<JsonObject> objects, String member) {
        return objects.stream().map(o -> o.get(member).getAsString()).toList();
    }

    private static List<String> stepIds(List<JsonObject> results) {
        return results.stream()
                .map(r -> r.getAsJsonObject("properties").get("stepId").getAsString())
                .toList();
    }
}
