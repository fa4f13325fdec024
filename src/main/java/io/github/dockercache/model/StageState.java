package io.github.dockercache.model;

import io.github.dockercache.dockerfile.VariableLookup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a stage has accumulated at one instruction: the variables RUN sees, WORKDIR, USER, SHELL, and
 * the keys of the last step, which the next step builds on.
 */
final class StageState {
    /** Environment in BuildKit's order: re-assigning a name moves it to the end (cache-model §5). */
    final LinkedHashMap<String, String> env = new LinkedHashMap<>();
    /** Where each variable was last set, for explanations. */
    final Map<String, String> origins = new LinkedHashMap<>();

    private final Set<String> setByEnv = new HashSet<>();
    /** The variables whose values are secret or derived from a secret (docs/secrets.md). */
    final Set<String> secret = new HashSet<>();
    /** The line of the ENV that set each secret variable, for the ones an ENV of the Dockerfile set. */
    final Map<String, Integer> secretEnvLines = new LinkedHashMap<>();

    private final Taint taint;
    /** The working directory, resolved as if an image base set none, which BuildKit then treats as "/". */
    String workdir = "/";
    /**
     * The working directory a RUN is keyed with: as the frontend keeps it, an absolute WORKDIR as written
     * ({@code /w/}, {@code //w}, {@code /w/x/..} are not cleaned: {@code util/system} {@code NormalizePath} and
     * {@code client/llb} {@code dirf}, v0.13 and v0.25 alike), a relative one joined and cleaned.
     */
    String runWorkdir = "/";
    /** True while {@link #workdir} is relative to an image base's own WORKDIR, which is unknown offline. */
    boolean workdirFromImage;
    /** Where {@link #workdir} comes from when it is the base image's own, else null. */
    String workdirOrigin;
    /** True when {@link #workdir} is derived from a secret. */
    boolean workdirSecret;

    String user = "";
    /** True when {@link #user} is derived from a secret. */
    boolean userSecret;
    /** Where {@link #user} comes from when it is the base image's own, else null. */
    String userOrigin;

    List<String> shell = List.of("/bin/sh", "-c");
    /** Where {@link #shell} comes from when it is the base image's own, else null. */
    String shellOrigin;

    String key;
    String optimisticKey;
    /**
     * Why every step of this stage may be cached where its key says otherwise (a FROM's written {@code --platform},
     * whose default the plugin cannot see), or null: the steps after the FROM are keyed on it too.
     */
    String platformUnknownReason;

    String lastStepId;
    int stepCount;
    /** The line of the last RUN, or 0: a stage without RUN has files that can be known offline. */
    int lastRunLine;
    /** The jar the last step copied from the context, or null: a RUN right after it may extract it. */
    BootExtraction.JarCopy jarCopy;
    /**
     * The Spring Boot extraction the last step made, or null; a stage built FROM this one does not inherit it, and
     * any later step forgets it: the layer directories are then no longer known to hold only what the jar gives.
     */
    BootExtraction extraction;

    StageState(Taint taint) {
        this.taint = taint;
    }

    StageState copy() {
        StageState copy = new StageState(taint);
        copy.env.putAll(env);
        copy.origins.putAll(origins);
        copy.setByEnv.addAll(setByEnv);
        copy.secret.addAll(secret);
        copy.secretEnvLines.putAll(secretEnvLines);
        copy.workdir = workdir;
        copy.runWorkdir = runWorkdir;
        copy.workdirFromImage = workdirFromImage;
        copy.workdirOrigin = workdirOrigin;
        copy.workdirSecret = workdirSecret;
        copy.user = user;
        copy.userOrigin = userOrigin;
        copy.userSecret = userSecret;
        copy.shell = shell;
        copy.shellOrigin = shellOrigin;
        copy.key = key;
        copy.optimisticKey = optimisticKey;
        copy.platformUnknownReason = platformUnknownReason;
        copy.lastStepId = lastStepId;
        copy.lastRunLine = lastRunLine;
        return copy;
    }

    /** @param line the line of the Dockerfile's ENV, or 0 for the base image's environment */
    void setEnv(String name, String value, String origin, boolean isSecret, int line) {
        assign(name, value, origin, isSecret);
        setByEnv.add(name);
        secretEnvLines.remove(name);
        if (isSecret && line > 0) {
            secretEnvLines.put(name, line);
        }
    }

    /** An ARG value does not replace an ENV of the same name: ENV wins in BuildKit. */
    void setArg(String name, String value, String origin, boolean isSecret) {
        if (!setByEnv.contains(name)) {
            assign(name, value, origin, isSecret);
        }
    }

    private void assign(String name, String value, String origin, boolean isSecret) {
        env.remove(name);
        env.put(name, value);
        origins.put(name, origin);
        if (isSecret) {
            secret.add(name);
            taint.remember(value);
        } else {
            secret.remove(name);
        }
    }

    /** The build args that have a value and are not shadowed by an ENV of the same name. */
    Map<String, String> buildArgs() {
        Map<String, String> args = new LinkedHashMap<>(env);
        args.keySet().removeAll(setByEnv);
        return args;
    }

    /** Forgets the build args: the legacy builder starts every stage with none, even one built FROM a stage. */
    void dropBuildArgs() {
        for (String name : buildArgs().keySet()) {
            env.remove(name);
            origins.remove(name);
            secret.remove(name);
        }
    }

    /** The variables as expansions see them; reads of secret ones are counted. */
    VariableLookup lookup() {
        return taint.lookup(env::get, secret);
    }

    /** As {@link #lookup()}, fixed as they are now: every pair of one ENV sees the environment from before it. */
    VariableLookup lookupAsNow() {
        return taint.lookup(Map.copyOf(env)::get, Set.copyOf(secret));
    }

    List<String> envNames() {
        return new ArrayList<>(env.keySet());
    }
}
