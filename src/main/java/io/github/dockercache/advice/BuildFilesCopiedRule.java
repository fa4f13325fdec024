package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.model.StepSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * DC203: the Dockerfile or the ignore file copied with a directory. BuildKit reads both on their own, but
 * inside the context they are ordinary files (cache-model §3.5, §4), so editing the Dockerfile anywhere — a
 * comment, a LABEL at the end — rebuilds a {@code COPY . .} and everything after it.
 */
final class BuildFilesCopiedRule implements Rule {
    static final String ID = "DC203";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(AdviceInput input) {
        ContextReads reads = new ContextReads(input.snapshot());
        Map<StepSnapshot, List<String>> copiedBy = new LinkedHashMap<>();
        Stream.of(input.snapshot().dockerfile(), input.context().ignoreFile())
                .filter(path -> path != null && input.context().entries().containsKey(path))
                .forEach(path -> incidentalReader(reads, path)
                        .ifPresent(step -> copiedBy.computeIfAbsent(step, s -> new ArrayList<>())
                                .add(path)));
        ContextNeeds needs = input.needs();
        List<Finding> findings = new ArrayList<>();
        copiedBy.forEach((step, files) -> finding(input, needs, step, files).ifPresent(findings::add));
        return findings;
    }

    /** The first step that copies the file with a directory, unless some step copies it on purpose. */
    private static Optional<StepSnapshot> incidentalReader(ContextReads reads, String file) {
        Predicate<String> isFile = file::equals;
        List<StepSnapshot> readers = reads.readers(isFile);
        if (readers.stream().anyMatch(step -> ContextReads.asksFor(step, isFile))) {
            return Optional.empty();
        }
        return readers.stream().findFirst();
    }

    private static Optional<Finding> finding(
            AdviceInput input, ContextNeeds needs, StepSnapshot step, List<String> files) {
        Instruction instruction = input.instruction(step);
        boolean one = files.size() == 1;
        String message = Instructions.describe(instruction.source()) + " copies " + String.join(" and ", files)
                + ": editing " + (one ? "it" : "them") + " rebuilds this step and the ones after it";
        return needs.exclude(files.stream()
                        .map(file -> IgnoreLines.forPath(file, false))
                        .toList())
                .map(exclusion -> Finding.at(
                                ID,
                                Severity.WARNING,
                                instruction.source(),
                                String.join(", ", files),
                                message,
                                Fixes.of(
                                        exclusion.addTo(
                                                input.ignoreFileName(),
                                                "BuildKit reads " + (one ? "it" : "them")
                                                        + " on its own, so the build still finds "
                                                        + (one ? "it" : "them")),
                                        exclusion.lines()))
                        .withEdits(new Edit.IgnoreLines(input.ignoreFileName(), exclusion.lines())));
    }
}
