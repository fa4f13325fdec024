package io.github.dockercache.differential.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.dockerfile.DockerfileReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
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
                        "context: --mount=type=bind",
                        "# escape (continuations)",
                        "# check",
                        "global, declared again in the stage",
                        "global, used in FROM",
                        ".dockerignore patterns",
                        "context under a .dockerignore",
                        "COPY . (Dockerfile ignored)",
                        "COPY . under .dockerignore edits")),
                forms::toString);
        assertTrue(pairs.stream().anyMatch(pair -> pair.kind() == Pair.Kind.EQUIVALENT));
        assertTrue(pairs.stream().anyMatch(pair -> pair.kind() == Pair.Kind.CHANGE));
    }

    /** Every block renders into named stages, and the plugin's parser takes it but where a pair asks about a refusal. */
    @Test
    void everyBlockRendersIntoStagesThePluginParses() throws Exception {
        List<Pair> batched = pairs.stream().filter(pair -> !pair.isWholeFile()).toList();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < batched.size(); i++) {
            names.add(String.format("p%04d", i));
        }
        Batch batch = new Batch(batched, names);
        Set<String> refusedOnPurpose =
                Set.of("run-network", "run-security", "add-keep-git-dir", "copy-parents", "add-parents");
        for (boolean after : List.of(false, true)) {
            Batch.Rendered rendered = batch.render(after);
            for (String token : List.of("{s}", "{d}", "{i}", "{S}", "{base}")) {
                assertFalse(rendered.text().contains(token), token);
            }
            assertEquals(batched.size(), new HashSet<>(rendered.pairOfStage().values()).size());
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

    /**
     * The whole-file pairs: a small share (each costs a Dockerfile of its own), every one played alone with its
     * directives and global ARGs opening the Dockerfile, and each an edit of the Dockerfile, the context or the
     * {@code .dockerignore}.
     */
    @Test
    void wholeFilePairsArePlayedAloneAndOpenTheirDockerfile() {
        List<Pair> whole = pairs.stream().filter(Pair::isWholeFile).toList();
        assertTrue(whole.size() >= 60 && whole.size() <= 120, whole.size() + " whole-file pairs");
        assertTrue(whole.stream()
                .anyMatch(pair ->
                        pair.before().startsWith("# escape=`") || pair.after().startsWith("# escape=`")));
        assertTrue(whole.stream().anyMatch(pair -> pair.after().startsWith("ARG ")));
        assertTrue(whole.stream()
                .anyMatch(pair -> pair.before().equals(pair.after())
                        && pair.changes().isEmpty()
                        && !Objects.equals(
                                pair.wholeFile().ignoreBefore(),
                                pair.wholeFile().ignoreAfter())));
        Pair first = whole.get(0);
        assertThrows(
                IllegalArgumentException.class,
                () -> new Batch(List.of(pairs.get(0), first), List.of("p0000", "p0001")));
        for (Pair pair : whole) {
            String firstLine = pair.after().split("\n", -1)[0];
            String rendered =
                    new Batch(List.of(pair), List.of("p0000")).render(true).text();
            assertEquals(
                    firstLine.replace("{base}", Batch.BASE_IMAGE).replace("{s}", "p0000"),
                    rendered.substring(0, rendered.indexOf('\n')),
                    pair.id());
        }
    }
}
