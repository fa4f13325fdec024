package io.github.dockercache.differential.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.dockerfile.DockerfileReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogueTest {
    private final List<Pair> pairs = Catalogue.all();

    @Test
    void asksAtLeastAThousandQuestionsUnderUniqueIds() {
        assertTrue(pairs.size() >= 1000, pairs.size() + " pairs");
        assertEquals(
                pairs.size(),
                pairs.stream().map(Pair::id).collect(Collectors.toSet()).size());
    }

    @Test
    void coversEveryInstructionTheIssueLists() {
        Set<String> instructions = pairs.stream().map(Pair::instruction).collect(Collectors.toSet());
        assertTrue(
                instructions.containsAll(List.of(
                        "RUN",
                        "COPY",
                        "ADD",
                        "WORKDIR",
                        "USER",
                        "ENV",
                        "ARG",
                        "FROM",
                        "SHELL",
                        "ONBUILD",
                        "metadata",
                        "text")),
                instructions::toString);
        Set<String> forms = pairs.stream().map(Pair::form).collect(Collectors.toSet());
        assertTrue(
                forms.containsAll(List.of(
                        "--network",
                        "--chmod",
                        "--chown",
                        "--link",
                        "--parents",
                        "--exclude",
                        "--from stage",
                        "--from image",
                        "heredoc",
                        "--mount=type=cache",
                        "--mount=type=bind (context)",
                        "--mount=type=secret",
                        "--mount=type=ssh",
                        "--mount=type=tmpfs",
                        "--mount from=",
                        "context: file",
                        "context: --mount=type=bind")),
                forms::toString);
        assertTrue(pairs.stream().anyMatch(pair -> pair.kind() == Pair.Kind.EQUIVALENT));
        assertTrue(pairs.stream().anyMatch(pair -> pair.kind() == Pair.Kind.CHANGE));
    }

    /** Every block renders into named stages, and the plugin's parser takes it but where a pair asks about a refusal. */
    @Test
    void everyBlockRendersIntoStagesThePluginParses() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            names.add(String.format("p%04d", i));
        }
        Batch batch = new Batch(pairs, names);
        Set<String> refusedOnPurpose =
                Set.of("run-network", "run-security", "add-keep-git-dir", "copy-parents", "add-parents");
        for (boolean after : List.of(false, true)) {
            Batch.Rendered rendered = batch.render(after);
            for (String token : List.of("{s}", "{d}", "{i}", "{S}", "{base}")) {
                assertFalse(rendered.text().contains(token), token);
            }
            assertEquals(pairs.size(), new HashSet<>(rendered.pairOfStage().values()).size());
            for (Pair pair : pairs) {
                if (refusedOnPurpose.stream().noneMatch(pair.id()::startsWith)) {
                    DockerfileReader.parse(
                            new Batch(List.of(pair), List.of("p0000"))
                                    .render(after)
                                    .text(),
                            pair.id());
                }
            }
        }
    }
}
