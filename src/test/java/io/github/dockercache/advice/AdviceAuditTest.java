package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.BuildSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules on real Dockerfiles: the corpus of the parser tests and the advice audit set (Spring Boot, Quarkus,
 * Micronaut, Keycloak, Kafka, Gradle builds, Node, Go, Python), each in a stand-in context ({@link AuditContext}).
 * Every finding they give is listed in {@code advice/audit/judged.txt} with the judgement that it is right and why;
 * a new finding, or one that went away, fails until it is judged. False positives found by the audit were fixed,
 * each with a test of its own, so none is listed. {@code -Dadvice.audit.write} rewrites the file with the current
 * findings, keeping the judgements it had and marking new findings {@code unjudged}.
 */
class AdviceAuditTest {
    static final Path CORPUS = Path.of("src/test/resources/dockerfile/corpus");
    static final Path AUDIT = Path.of("src/test/resources/advice/audit");
    static final Path JUDGED = AUDIT.resolve("judged.txt");
    private static final String RIGHT = "  right: ";

    @TempDir
    Path temp;

    @Test
    void everyFindingOnTheAuditSetIsJudgedRight() throws Exception {
        Map<String, List<String>> current = new LinkedHashMap<>();
        int dockerfiles = 0;
        int analysed = 0;
        for (Path kept : dockerfiles()) {
            dockerfiles++;
            String name = kept.getParent().getFileName() + "/" + kept.getFileName();
            Path context = temp.resolve(name);
            Analysis analysis = AuditContext.materialise(kept, context);
            List<String> headlines = new ArrayList<>();
            if (analysis == null) {
                headlines.add("(not analysable in a stand-in context)");
            } else {
                analysed++;
                BuildSettings settings = new BuildSettings(
                        context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
                Advisor.advise(analysis, settings, null, Set.of())
                        .forEach(finding -> headlines.add(
                                finding.toString().lines().findFirst().orElseThrow()));
            }
            current.put(name, headlines);
        }
        Map<String, Map<String, String>> judged = readJudged();
        if (System.getProperty("advice.audit.write") != null) {
            write(current, judged);
        }
        List<String> problems = new ArrayList<>();
        current.forEach((name, headlines) -> {
            Map<String, String> judgements = judged.getOrDefault(name, Map.of());
            headlines.stream()
                    .filter(headline -> !judgements.containsKey(headline))
                    .forEach(headline -> problems.add(name + ": not judged: " + headline));
            judgements.forEach((headline, judgement) -> {
                if (!headlines.contains(headline)) {
                    problems.add(name + ": no longer found: " + headline);
                } else if (!judgement.startsWith(RIGHT) || judgement.equals(RIGHT + "?")) {
                    problems.add(name + ": not judged right: " + headline + " -- " + judgement);
                }
            });
        });
        judged.keySet().stream()
                .filter(name -> !current.containsKey(name))
                .forEach(name -> problems.add(name + ": judged but not in the audit set"));
        long findings = current.values().stream()
                .flatMap(List::stream)
                .filter(h -> !h.startsWith("("))
                .count();
        System.out.println("AdviceAuditTest: " + dockerfiles + " Dockerfiles, " + analysed + " analysed, " + findings
                + " findings, all judged right");
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    /** Every kept Dockerfile: {@code <set>/<folder>/Dockerfile}, corpus first. */
    private static List<Path> dockerfiles() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path set : List.of(CORPUS, AUDIT)) {
            try (Stream<Path> folders = Files.list(set)) {
                folders.filter(folder -> Files.isRegularFile(folder.resolve("Dockerfile")))
                        .sorted()
                        .forEach(folder -> all.add(folder.resolve("Dockerfile")));
            }
        }
        return all.stream().map(Path::getParent).toList();
    }

    /** Per Dockerfile, each finding's headline and its judgement line. */
    private static Map<String, Map<String, String>> readJudged() throws IOException {
        Map<String, Map<String, String>> judged = new LinkedHashMap<>();
        Map<String, String> section = null;
        String headline = null;
        for (String line : Files.readAllLines(JUDGED)) {
            if (line.startsWith("== ")) {
                section = judged.computeIfAbsent(line.substring(3), key -> new LinkedHashMap<>());
            } else if (line.startsWith("  ") && headline != null && section != null) {
                section.put(headline, line);
            } else if (!line.isBlank() && !line.startsWith("#") && section != null) {
                headline = line;
                section.put(headline, RIGHT + "?");
            }
        }
        return judged;
    }

    private static void write(Map<String, List<String>> current, Map<String, Map<String, String>> judged)
            throws IOException {
        List<String> header = Files.readAllLines(JUDGED).stream()
                .takeWhile(line -> line.startsWith("#"))
                .toList();
        List<String> lines = new ArrayList<>(header);
        current.forEach((name, headlines) -> {
            lines.add("");
            lines.add("== " + name);
            for (String headline : headlines) {
                lines.add(headline);
                lines.add(judged.getOrDefault(name, Map.of()).getOrDefault(headline, RIGHT + "?"));
            }
        });
        Files.write(JUDGED, lines);
    }
}
