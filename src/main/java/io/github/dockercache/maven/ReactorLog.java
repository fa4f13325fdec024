package io.github.dockercache.maven;

import io.github.dockercache.report.ReportLine;
import io.github.dockercache.workflow.RollUp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.SessionData;

/**
 * What the plugin's goals have reported across the projects of one Maven session: the rows of the reactor's roll-up,
 * which Dockerfile warnings were shown, and which projects check has run in. It lives in the resolver session's data,
 * which every project of a session shares, parallel builds included.
 */
final class ReactorLog {
    private final Map<String, List<RollUp.Row>> rowsByProject = new LinkedHashMap<>();
    private final Set<String> warningsShown = new HashSet<>();
    private final Map<Path, String> firstWarnedBy = new HashMap<>();
    private final List<Deferred> deferred = new ArrayList<>();
    private final Map<String, String> firstSaidBy = new HashMap<>();
    private final Map<String, List<Held>> heldBack = new HashMap<>();
    private boolean rolledUp;

    /** The session's log; the key is this class, so that another version of the plugin in the same build keeps its own. */
    static ReactorLog of(MavenSession session) {
        SessionData data = session.getRepositorySession().getData();
        while (true) {
            if (data.get(ReactorLog.class) instanceof ReactorLog log) {
                return log;
            }
            ReactorLog created = new ReactorLog();
            if (data.set(ReactorLog.class, null, created)) {
                return created;
            }
        }
    }

    /** The warnings of a Dockerfile that no image before showed; the rest were shown with the image it names. */
    synchronized Shown unshown(Path dockerfile, String label, List<String> warnings) {
        List<String> fresh = warnings.stream()
                .filter(w -> warningsShown.add(dockerfile + "\n" + w))
                .toList();
        String shownWith = firstWarnedBy.putIfAbsent(dockerfile, label);
        return new Shown(fresh, warnings.size() - fresh.size(), shownWith == null ? label : shownWith);
    }

    /** Null the first time a line is said by the goal, else the label of the image it was said with first. */
    synchronized String saidBefore(String goal, String line, String label) {
        return firstSaidBy.putIfAbsent(goal + "\n" + line, label);
    }

    /** A remedy of one image held back for the goal's roll-up, which says it once for all the images it concerns. */
    synchronized void holdBack(String goal, MavenProject project, ReportLine.Topic topic) {
        heldBack.computeIfAbsent(goal + "\n" + topic.kind(), key -> new ArrayList<>())
                .add(new Held(project, topic.subject()));
    }

    /** The remedies of this kind held back for the goal's roll-up, one per image; each is handed out once. */
    synchronized List<Held> takeHeldBack(String goal, ReportLine.Kind kind) {
        List<Held> held = heldBack.remove(goal + "\n" + kind);
        return held == null ? List.of() : held;
    }

    /** A remedy held back: the project of the image, and what the remedy is about ({@link ReportLine.Topic}). */
    record Held(MavenProject project, String subject) {}

    /** @param repeated how many warnings were already shown, with the image {@code firstShownWith} */
    record Shown(List<String> fresh, int repeated, String firstShownWith) {}

    /**
     * An image checked once the projects it copies from are built, by the goal's execution that prints the roll-up: the
     * reactor's root runs before its modules.
     *
     * @param placeholder the image's row in its project's rows, which the check's own rows replace
     * @param awaited the projects built after the image's one whose outputs it copies
     * @param check checks the image and adds its rows; returns its failure, or null
     * @param notChecked warns that the image is not checked, when an awaited project was not built after all
     */
    record Deferred(RollUp.Row placeholder, List<MavenProject> awaited, Check check, Runnable notChecked) {}

    /** The deferred check of one image, run by another project's execution of the goal. */
    interface Check {
        /** @return the image's failure, or null */
        AbstractDockercacheMojo.Failure run(List<RollUp.Row> rows);
    }

    synchronized void defer(Deferred image) {
        deferred.add(image);
    }

    /** The deferred images, for the execution that prints the roll-up; each is handed out once. */
    synchronized List<Deferred> takeDeferred() {
        List<Deferred> taken = List.copyOf(deferred);
        deferred.clear();
        return taken;
    }

    /** Whether the project's execution of the goal has reported its rows. */
    synchronized boolean reported(String projectId) {
        return rowsByProject.containsKey(projectId);
    }

    /**
     * Records a project's rows; once every project that runs the goal has reported, and there is more than one, returns
     * all rows in reactor order for the one roll-up, else nothing.
     *
     * @param expected the projects that run the goal, by id, in reactor order
     */
    synchronized Optional<List<RollUp.Row>> report(String projectId, List<RollUp.Row> rows, List<String> expected) {
        rowsByProject.computeIfAbsent(projectId, id -> new ArrayList<>()).addAll(rows);
        if (rolledUp || expected.size() < 2 || !rowsByProject.keySet().containsAll(expected)) {
            return Optional.empty();
        }
        rolledUp = true;
        List<RollUp.Row> all = new ArrayList<>();
        expected.forEach(id -> all.addAll(rowsByProject.get(id)));
        return Optional.of(all);
    }
}
