package io.github.dockercache.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one step reads from its sources (COPY sources, bind mounts), gathered for its key and its explanation. */
final class StepReads {
    final List<String> files = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    String fromStage;
    String unknownReason;
    boolean definitive = true;
    /** Inputs derived from a secret that the instruction's own expansions do not show (docs/secrets.md). */
    final Set<String> secretInputs = new HashSet<>();

    private int sourcesWithFiles;

    /** Adds one source's inputs to {@code inputs} under {@code name} and remembers what it reads. */
    void add(InputName.Source name, String source, SourceContent content, List<Map.Entry<String, String>> inputs) {
        sources.add(source);
        inputs.addAll(content.inputs(name));
        files.addAll(content.files());
        if (!content.files().isEmpty()) {
            sourcesWithFiles++;
        }
        if (content.stage() != null) {
            fromStage = content.stage();
        }
        if (unknownReason == null) {
            unknownReason = content.unknownReason();
        }
        definitive &= content.definitive();
    }

    /**
     * The files read, each once, in the order first read. One source lists each of its files once already: a
     * set is built only to merge several, as it costs about fifty bytes per path (a COPY of a large context
     * reads millions).
     */
    List<String> distinctFiles() {
        return sourcesWithFiles <= 1 ? List.copyOf(files) : List.copyOf(new LinkedHashSet<>(files));
    }

    /**
     * Why the step may miss although its own key is definitive: an input whose unknown value can make two keys
     * differ that might be equal in BuildKit. Shown only when the comparison finds the step unknown.
     */
    void mayDifferBecause(String reason) {
        if (unknownReason == null) {
            unknownReason = reason;
        }
    }

    /** Marks an input as derived from a secret. */
    void secret(String input) {
        secretInputs.add(input);
    }

    /**
     * The step depends on a secret that cannot be compared: it is never known, and this is its reason unless its
     * sources already made it unknowable for theirs.
     */
    void withheld(String reason) {
        if (definitive) {
            unknownReason = reason;
        }
        definitive = false;
    }

    /** A reason the whole step cannot be known, whatever its sources. */
    void unknowable(String reason) {
        unknownReason = reason;
        definitive = false;
    }
}
