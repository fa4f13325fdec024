package io.github.dockercache.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The recipes of docs/ci.md work as written: every YAML block parses and wires the files the goals write to the
 * steps that read them, and every Maven command and the pom are those the invoker IT {@code src/it/ci-recipes} runs
 * (its verify.groovy validates what they write).
 */
class CiRecipesTest {
    private static final Path PAGE = Path.of("docs/ci.md");
    private static final Path IT = Path.of("src/it/ci-recipes");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```");
    private static final Pattern COMMAND = Pattern.compile("\\./mvnw -B (.+)");
    /** Run by the IT remote-baseline against a real repository, not by ci-recipes. */
    private static final String DEPLOY = "deploy -DskipTests";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyYamlBlockParsesAndHandsTheWrittenFilesOn() throws IOException {
        List<JsonNode> yaml = new ArrayList<>();
        for (String block : blocks("yaml")) {
            yaml.add(YAML.readTree(block));
        }
        assertEquals(2, yaml.size());
        JsonNode github = yaml.get(0);
        List<JsonNode> steps = StreamSupport.stream(
                        github.at("/jobs/build/steps").spliterator(), false)
                .toList();
        String lint = steps.stream()
                .map(step -> step.path("run").asText())
                .filter(run -> run.contains("dockercache:lint"))
                .findFirst()
                .orElseThrow();
        List<String> uploaded = steps.stream()
                .filter(step -> step.path("uses").asText().startsWith("github/codeql-action/upload-sarif@"))
                .map(step -> step.at("/with/sarif_file").asText())
                .toList();
        assertEquals(List.of(option(lint, "dockercache.lint.sarif"), "target/dockercache/dockercache.sarif"), uploaded);
        assertEquals("write", github.at("/permissions/security-events").asText());

        JsonNode gitlab = yaml.get(1);
        String gitlabLint = gitlab.at("/dockerfiles/script/0").asText();
        assertEquals(
                option(gitlabLint, "dockercache.lint.codeQuality"),
                gitlab.at("/dockerfiles/artifacts/reports/codequality").asText());
        assertEquals(
                option(gitlabLint, "dockercache.lint.junit"),
                gitlab.at("/dockerfiles/artifacts/reports/junit").asText());
        assertEquals("always", gitlab.at("/dockerfiles/artifacts/when").asText());
        assertEquals(
                "target/dockercache/dockercache-junit.xml",
                gitlab.at("/build/artifacts/reports/junit").asText());
    }

    @Test
    void everyMavenCommandIsOneTheInvokerItRuns() throws IOException {
        Properties invoker = new Properties();
        invoker.load(new StringReader(Files.readString(IT.resolve("invoker.properties"))));
        List<String> run = invoker.stringPropertyNames().stream()
                .filter(name -> name.startsWith("invoker.goals."))
                .sorted()
                .map(invoker::getProperty)
                .toList();
        Matcher commands = COMMAND.matcher(Files.readString(PAGE));
        List<String> written = new ArrayList<>();
        while (commands.find()) {
            written.add(commands.group(1).strip());
        }
        assertEquals(7, written.size(), written::toString);
        for (String command : written) {
            assertTrue(command.equals(DEPLOY) || run.contains(command), () -> "the IT does not run " + command);
        }
        assertTrue(written.containsAll(run), () -> "the IT runs commands the page does not give: " + run);
    }

    @Test
    void thePomBlockIsTheItsPlugin() throws IOException {
        List<String> xml = blocks("xml");
        assertEquals(1, xml.size());
        String pom = Files.readString(IT.resolve("pom.xml"));
        String plugin = pom.substring(pom.indexOf("<plugin>"), pom.indexOf("</plugin>") + "</plugin>".length());
        String filtered = plugin.replace("@project.groupId@", "io.github.dockercache")
                .replace("@project.artifactId@", "dockercache-maven-plugin")
                .replace("@project.version@", "0.1.0-SNAPSHOT");
        assertEquals(
                xml.get(0).strip(),
                filtered.lines()
                        .map(line -> line.replaceFirst("^ {6}", ""))
                        .reduce((a, b) -> a + "\n" + b)
                        .orElseThrow());
    }

    private static List<String> blocks(String language) throws IOException {
        Matcher matcher = BLOCK.matcher(Files.readString(PAGE));
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            if (matcher.group(1).equals(language)) {
                blocks.add(matcher.group(2));
            }
        }
        return blocks;
    }

    private static String option(String command, String property) {
        Matcher value =
                Pattern.compile("-D" + Pattern.quote(property) + "=(\\S+)").matcher(command);
        assertTrue(value.find(), () -> command + " sets no " + property);
        return value.group(1);
    }
}
