package io.github.dockercache.model;

import io.github.dockercache.dockerfile.Heredoc;
import io.github.dockercache.dockerfile.RunInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers that build a step's inputs, shared by the walk and the builders' key derivers. */
final class StepInputs {
    private StepInputs() {}

    /** Records where an input's value comes from, when it is known to come from somewhere worth naming. */
    static void putOrigin(Map<String, String> origins, String input, String origin) {
        if (origin != null) {
            origins.put(input, origin);
        }
    }

    /**
     * The command as the builder runs it (BuildKit's dispatchRun, heredoc-variants): exec form as written, shell
     * form after the SHELL. A RUN that is one heredoc runs the body (after {@code <<-} tab stripping), so neither the
     * delimiter nor its quotes count; a body starting with {@code #!} becomes a script file, keyed by its bytes. Any
     * other RUN hands the shell its line and each body as written, tabs included.
     */
    static void addCommand(
            StageState state, RunInstruction run, List<Map.Entry<String, String>> inputs, Map<String, String> origins) {
        List<String> args = new ArrayList<>();
        if (run.shellForm()) {
            args.addAll(state.shell);
            origins.put("shell", Json.array(state.shell)); // part of "command"; kept apart to name a SHELL change
            putOrigin(origins, "command", state.shellOrigin);
        }
        Heredoc script = run.soleHeredoc();
        if (script == null) {
            args.addAll(run.command());
            inputs.add(Map.entry("command", Json.array(args)));
            for (int i = 0; i < run.heredocs().size(); i++) {
                inputs.add(new InputName.Heredoc(i).entry(run.heredocs().get(i).content()));
            }
        } else if (script.content().startsWith("#!")) {
            args.add("/dev/pipes/" + script.name());
            inputs.add(Map.entry("command", Json.array(args)));
            inputs.add(Map.entry("script", Keys.hashRaw(script.body())));
        } else {
            args.add(script.body());
            inputs.add(Map.entry("command", Json.array(args)));
        }
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    static List<Map.Entry<String, String>> inputsOf(String name, String value) {
        return List.of(Map.entry(name, value));
    }
}
