package io.github.dockercache.model;

import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.dockerfile.CopyInstruction;
import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.dockerfile.Instruction;
import io.github.dockercache.dockerfile.OnbuildInstruction;
import io.github.dockercache.dockerfile.RunInstruction;
import io.github.dockercache.dockerfile.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ONBUILD triggers of this Dockerfile's stages (cache-model §6): a stage built FROM another runs that stage's
 * triggers first, as its own steps. Each stage's triggers are parsed once, as instructions standing on the lines of
 * their ONBUILD.
 */
final class OnbuildTriggers {
    private final Dockerfile dockerfile;
    private final BuildKitVersion version;
    private final Map<Integer, List<Instruction>> parsed = new HashMap<>();

    OnbuildTriggers(Dockerfile dockerfile, BuildKitVersion version) {
        this.dockerfile = dockerfile;
        this.version = version;
    }

    /** The triggers {@code stage} declares, in order, for the stages built FROM it. */
    List<Instruction> of(Stage stage) throws AnalysisException {
        List<Instruction> triggers = parsed.get(stage.index());
        if (triggers == null) {
            triggers = parse(stage);
            parsed.put(stage.index(), triggers);
        }
        return triggers;
    }

    private List<Instruction> parse(Stage stage) throws AnalysisException {
        List<Instruction> triggers = new ArrayList<>();
        for (Instruction instruction : stage.instructions()) {
            if (instruction instanceof OnbuildInstruction onbuild) {
                try {
                    triggers.addAll(DockerfileReader.parseTrigger(
                            onbuild.trigger(),
                            dockerfile.displayName(),
                            onbuild.source().location().line(),
                            version));
                } catch (DockerfileException e) {
                    throw new AnalysisException(onbuild.source().location() + ": ONBUILD trigger: " + e.reason(), e);
                }
            }
        }
        return List.copyOf(triggers);
    }

    /**
     * Before BuildKit 0.17 a trigger can only copy or mount from a stage that is built already, for another reason
     * and earlier in the file: anything else fails the build at the child stage's FROM, an image too, and a cache
     * mount, which the frontend mounts from {@code scratch}.
     *
     * @param stage the stage that runs {@code trigger}, declared by {@code parent}
     * @param built the indexes of the stages built so far
     */
    void requireBuiltSources(Stage stage, Stage parent, Instruction trigger, StageGraph graph, Set<Integer> built)
            throws AnalysisException {
        if (version.onbuildTriggersAddStages()) {
            return;
        }
        Map<String, String> complaints = new LinkedHashMap<>(); // source word -> BuildKit's message
        if (trigger instanceof CopyInstruction copy && copy.from() != null) {
            complaints.put(
                    copy.from(),
                    "cannot copy from stage \"" + copy.from() + "\", it needs to be defined before"
                            + " current stage \"" + StageGraph.label(stage) + "\"");
        } else if (trigger instanceof RunInstruction run) {
            for (String raw : run.mounts()) {
                MountSpec mount = MountSpec.parse(raw);
                String from = mount.from() == null && mount.type().equals("cache") ? "scratch" : mount.from();
                if (from != null) {
                    complaints.putIfAbsent(
                            from,
                            "cannot mount from stage \"" + from + "\" to \"" + mount.target()
                                    + "\", stage needs to be defined before current command");
                }
            }
        }
        for (Map.Entry<String, String> complaint : complaints.entrySet()) {
            Stage source = graph.resolve(complaint.getKey(), stage.index());
            if (source == null || !built.contains(source.index())) {
                throw new AnalysisException(stage.from().source().location() + ": the ONBUILD trigger of stage '"
                        + StageGraph.label(parent) + "' at line "
                        + trigger.source().location().line() + " reads what"
                        + " BuildKit " + version + " does not build for a trigger (0.17 and later build its stages): "
                        + complaint.getValue());
            }
        }
    }
}
