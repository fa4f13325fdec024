package io.github.dockercache.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The parts of an image's configuration blob that BuildKit reads: the build checks (environment, platform) and the
 * cache keys (the layers, and where later steps start from).
 *
 * @param env {@code config.Env}, {@code NAME=value} entries in order
 * @param os {@code os}
 * @param architecture {@code architecture}
 * @param variant {@code variant}, empty when absent
 * @param diffIds {@code rootfs.diff_ids}, bottom layer first; empty when {@code rootfs.type} is not {@code layers}
 * @param workingDir {@code config.WorkingDir}, empty when absent
 * @param user {@code config.User}, empty when absent
 * @param shell {@code config.Shell} (a Docker extension), empty when absent
 */
public record ImageConfig(
        List<String> env,
        String os,
        String architecture,
        String variant,
        List<String> diffIds,
        String workingDir,
        String user,
        List<String> shell) {
    public ImageConfig {
        env = List.copyOf(env);
        diffIds = List.copyOf(diffIds);
        shell = List.copyOf(shell);
    }

    /**
     * The ChainID of the layers (OCI image spec: the first diff_id, then {@code sha256(parent + " " + diff_id)} for
     * each next one), which BuildKit uses as an image's second cache key; null for an image without layers, for
     * which BuildKit has only the manifest key.
     */
    public String chainId() {
        String chain = null;
        for (String diffId : diffIds) {
            chain = chain == null
                    ? diffId
                    : ImageResolver.sha256((chain + " " + diffId).getBytes(StandardCharsets.UTF_8));
        }
        return chain;
    }
}
