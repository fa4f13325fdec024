package io.github.dockercache.model;

import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ContextException;
import io.github.dockercache.context.FileEntry;
import io.github.dockercache.context.ParentsSource;
import io.github.dockercache.context.Selection;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a COPY source or a bind mount reads, and the context files it records for explanations (cache-model §3, §4). */
final class SourceReader {
    private final BuildContext context;
    private final RecordedFiles files;
    private final StageGraph graph;
    /** The stages built so far, by index: a source in one of them is known when the stage is. */
    private final Map<Integer, StageState> finishedStages;

    private final ImageDigests digests;

    SourceReader(
            BuildContext context,
            RecordedFiles files,
            StageGraph graph,
            Map<Integer, StageState> finishedStages,
            ImageDigests digests) {
        this.context = context;
        this.files = files;
        this.graph = graph;
        this.finishedStages = finishedStages;
        this.digests = digests;
    }

    /**
     * What a COPY source or a bind mount reads: files of the context, of an earlier stage, or of an
     * image. BuildKit compares stage sources by content; offline that content is known only when the
     * stage itself is unchanged.
     *
     * @param parents how a {@code COPY --parents} source splits, else null
     */
    SourceContent sourceContent(
            Stage stage,
            String from,
            String source,
            ParentsSource parents,
            List<String> excludes,
            Instruction instruction)
            throws AnalysisException {
        if (from == null || from.isEmpty()) {
            Selection selection = select(source, parents, excludes, instruction);
            return SourceContent.known(
                    List.of(Map.entry(InputName.Source.CHECKSUM, selection.checksum())), recordFiles(selection));
        }
        Stage sourceStage = graph.source(from, stage.index(), instruction);
        if (sourceStage == null) {
            return ImageSource.content(from, source, digests);
        }
        StageState sourceState = finishedStages.get(sourceStage.index());
        String label = StageGraph.label(sourceStage);
        String reason = "reads " + source + " from stage '" + label + "'"
                + (sourceState.lastRunLine > 0 ? ", whose files come from RUN at line " + sourceState.lastRunLine : "")
                + ": BuildKit reuses this step only if those files come out byte-identical, which takes a real build to know";
        BootExtraction.LayerSource layer = sourceState.extraction == null
                        || !(instruction instanceof CopyInstruction)
                        || parents != null
                        || !excludes.isEmpty()
                ? null
                : sourceState.extraction.read(source);
        if (layer != null && layer.content() != null) {
            return layer.content().fromStage(label, source);
        }
        if (layer != null) {
            reason += " (Spring Boot's layers are predicted from the jar only when the extraction works: "
                    + layer.problem() + ")";
        }
        return new SourceContent(
                List.of(
                        SourceContent.STAGE_NAME.entry(label), // BuildKit keys the stage's content, never its name
                        Map.entry("path", source),
                        InputName.upstream(InputName.Source.STAGE_KEY).entry(String.valueOf(sourceState.key))),
                List.of(),
                label,
                reason,
                sourceState.key != null);
    }

    /** @param parents how a {@code COPY --parents} source splits, else null */
    Selection select(String source, ParentsSource parents, List<String> excludes, Instruction instruction)
            throws AnalysisException {
        try {
            return parents == null ? context.select(source, excludes) : context.select(parents, excludes);
        } catch (ContextException e) {
            throw new AnalysisException(instruction.source().location() + ": " + e.getMessage(), e);
        }
    }

    /** Keeps the selected context entries for explanations; returns their paths. */
    List<String> recordFiles(Selection selection) {
        List<String> paths = new ArrayList<>();
        for (FileEntry entry : selection.entries()) {
            if (!entry.path().isEmpty()) {
                files.add(entry);
                paths.add(entry.path());
            }
        }
        return paths;
    }
}
