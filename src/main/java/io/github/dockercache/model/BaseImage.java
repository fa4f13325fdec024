package io.github.dockercache.model;

import java.util.List;
import java.util.Map;

/**
 * What a FROM image is known to be. BuildKit gives an image two cache keys, its manifest digest (with the platform)
 * and the ChainID of its layers (the config's {@code rootfs.diff_ids}), and reuses a later step if either matches
 * (cache-model §2): a tag pushed again with the same layers and another config keeps COPY cached. Equal manifests have equal
 * layers, so where the ChainID is known it alone decides; the digest decides where it is not (a pinned digest
 * offline, a baseline recorded before the plugin read layers).
 *
 * @param digest the digest the tag stands for, or null when unknown
 * @param layers the ChainID of the image's layers, or null when unknown
 * @param config where the image's later steps start from, or null when its configuration was not read
 */
public record BaseImage(String digest, String layers, Config config) {

    /**
     * The parts of the image's configuration that BuildKit carries into later steps' keys: a RUN sees the
     * environment, the user and the shell; a relative WORKDIR or COPY destination joins the working directory.
     *
     * @param env {@code Env}, {@code NAME=value} entries in order
     * @param workingDir {@code WorkingDir}, empty when the image sets none
     * @param user {@code User}, empty when the image sets none
     * @param shell {@code Shell}, empty when the image sets none (then {@code /bin/sh -c})
     */
    public record Config(List<String> env, String workingDir, String user, List<String> shell) {
        public Config {
            env = List.copyOf(env);
            shell = List.copyOf(shell);
        }
    }

    /** Only the digest, as a baseline recorded before the layers were read, or a pinned reference, tells. */
    public static BaseImage ofDigest(String digest) {
        return digest == null ? null : new BaseImage(digest, null, null);
    }

    /**
     * The image as a snapshot's FROM step recorded it; null when it recorded no digest (the tag was not resolved).
     *
     * @throws IllegalArgumentException when the recorded configuration is not one the plugin writes (a hand edit)
     */
    public static BaseImage recordedIn(StepSnapshot from) {
        Map<String, String> inputs = from.reads().inputs();
        String digest = inputs.containsKey(InputName.DIGEST.toString())
                ? inputs.get(InputName.DIGEST.toString())
                : inputs.get(InputName.RECORDED_DIGEST.toString());
        String layers = inputs.get(InputName.LAYERS.toString());
        if (digest == null && layers == null) {
            return null;
        }
        Config config = inputs.containsKey(InputName.RECORDED_CONFIG.toString())
                ? readConfig(inputs.get(InputName.RECORDED_CONFIG.toString()))
                : null;
        return new BaseImage(digest, layers, config);
    }

    private static Config readConfig(String json) {
        Config config;
        try {
            config = Json.GSON.fromJson(json, Config.class);
        } catch (RuntimeException e) { // not JSON, or a missing list or a null in one, which the constructor refuses
            config = null;
        }
        if (config == null || config.workingDir() == null || config.user() == null) {
            throw new IllegalArgumentException("its recorded image configuration is not the JSON object the plugin"
                    + " writes (env, workingDir, user, shell)");
        }
        return config;
    }
}
