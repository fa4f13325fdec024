package io.github.dockercache.differential;

import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.model.Builder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One engine build played after another with a change between them, and the plugin's snapshots taken at the same
 * moments: a differential scenario ({@link ScenarioRun}) or one edit of a real project ({@link ProjectRun.EditRun}).
 * {@link EngineAgreement} checks it.
 */
interface PlayedBuild {
    /** How the tests name it: the scenario, or {@code <project> / <edit>}. */
    String name();

    String description();

    /** The JSON file that records what the engine does. */
    Path definitionFile();

    /** The engine's name ({@code 28}, {@code 26}). */
    String engine();

    /** The builder both builds used, and whose rules the plugin applied. */
    Builder builder();

    /** The build before the change, from an empty cache. */
    EngineBuild before();

    /** The build after the change. */
    EngineBuild after();

    /** The plugin's view of both builds. */
    PluginSnapshots plugin();

    /** What the definition records for this engine and builder. */
    Scenario.Expectation expectation();

    /** For some steps, a cause the plugin must name; empty when only verdicts are checked. */
    Map<String, CauseKind> expectedCauses();

    /** The context of the second build, kept under {@code target/} for inspection. */
    Path workspace();

    /** How long the play took, its share of a shared prune and base build included. */
    Duration elapsed();
}
