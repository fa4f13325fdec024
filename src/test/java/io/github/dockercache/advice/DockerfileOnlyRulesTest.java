package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Stage;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.BuildSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules lint runs without a context ({@link Advisor#DOCKERFILE_ONLY}) find, on the audit set and the corpus of
 * real Dockerfiles, what they find with the context and the computed steps: they read nothing else. The one thing
 * they lose is what a variable expands to, which only the computed steps know: DC301 says nothing of a {@code FROM}
 * image and DC302 of an {@code ADD} source that uses one (docs/lint.md).
 */
class DockerfileOnlyRulesTest {
    @TempDir
    Path temp;

    @Test
    void withoutTheContextTheDockerfileOnlyRulesFindWhatTheyFindWithIt() throws Exception {
        int compared = 0;
        int findings = 0;
        List<String> differences = new ArrayList<>();
        for (Path set : List.of(AdviceAuditTest.CORPUS, AdviceAuditTest.AUDIT)) {
            List<Path> folders;
            try (Stream<Path> list = Files.list(set)) {
                folders = list.filter(folder -> Files.isRegularFile(folder.resolve("Dockerfile")))
                        .sorted()
                        .toList();
            }
            for (Path folder : folders) {
                Path context = temp.resolve(set.getFileName() + "-" + folder.getFileName());
                Analysis analysis = AuditContext.materialise(folder, context);
                if (analysis == null) {
                    continue;
                }
                BuildSettings settings = new BuildSettings(
                        context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
                Set<String> expanded = new HashSet<>();
                for (Stage stage : analysis.dockerfile().stages()) {
                    if (stage.from().image().contains("$")) {
                        expanded.add(UnpinnedBaseImageRule.ID + " "
                                + stage.from().source().location().line());
                    }
                    stage.instructions().stream()
                            .filter(i -> i instanceof CopyInstruction add
                                    && add.add()
                                    && add.sourcePaths().stream().anyMatch(source -> source.contains("$")))
                            .forEach(add -> expanded.add(UncheckedRemoteAddRule.ID + " "
                                    + add.source().location().line()));
                }
                List<Finding> withContext = Advisor.advise(analysis, settings, null, Set.of()).stream()
                        .filter(finding -> Advisor.DOCKERFILE_ONLY.contains(finding.ruleId()))
                        .filter(finding -> !expanded.contains(finding.ruleId() + " " + finding.line()))
                        .toList();
                List<Finding> alone =
                        Advisor.adviseDockerfile(analysis.dockerfile(), analysis.dockerfileText(), settings, Set.of());
                if (!withContext.equals(alone)) {
                    differences.add(
                            folder.getFileName() + ":\n  with the context: " + withContext + "\n  alone: " + alone);
                }
                compared++;
                findings += alone.size();
            }
        }
        assertTrue(compared > 30, "compared " + compared);
        assertTrue(findings > 20, "found " + findings);
        assertEquals(List.of(), differences);
    }

    @Test
    void theContextRulesAreTheOthers() {
        List<String> all = new ArrayList<>(Advisor.contextRuleIds());
        all.addAll(Advisor.DOCKERFILE_ONLY);
        all.sort(null);
        assertEquals(Advisor.ruleIds(), all);
        assertEquals(List.of("DC101", "DC102", "DC105", "DC201", "DC202", "DC203", "DC401"), Advisor.contextRuleIds());
    }
}
