/**
 * Cost weighting: how long each Dockerfile step took in a real BuildKit build, read from that build's log.
 *
 * <p>{@link io.github.dockercache.cost.StepCosts#read} detects the log's format by its content: {@code docker buildx
 * build --progress=plain} output ({@link io.github.dockercache.cost.PlainLog}) or {@code --progress=rawjson} output
 * ({@link io.github.dockercache.cost.RawJsonLog}). Both name each step's vertex with the frontend's label
 * ({@link io.github.dockercache.cost.StepLabel}), which maps onto the plugin's step ids. A {@code --metadata-file}
 * holds no per-step times, even with {@code BUILDX_METADATA_PROVENANCE=max} (its provenance has the build's start and
 * end only), and is refused with the {@code docker buildx history logs --progress=rawjson} command that gets that
 * build's times.
 */
package io.github.dockercache.cost;
