/**
 * Field truth: lines a real build's log up with the plugin's prediction for the same commit and reports where they
 * agree and where they do not.
 *
 * <p>The plugin predicts each step against the baseline; the engine decides against whatever its cache holds. The two
 * are comparable only when that cache held the baseline's build (in CI: the baseline's image or cache given with
 * {@code --cache-from}). {@link io.github.dockercache.verify.Verification} therefore first asks whether the log shows
 * that cache at all (a stage whose first step the plugin finds unchanged, yet the engine ran; or a build that took
 * every step from its cache, the changed ones too) and says so instead of reporting disagreements.
 * {@link io.github.dockercache.verify.Bundle} writes what a bug report about a real disagreement needs.
 */
package io.github.dockercache.verify;
