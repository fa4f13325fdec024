package io.github.dockercache.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.report.ReportLine;
import io.github.dockercache.workflow.RollUp;
import java.util.List;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/** The reactor's roll-up, and the images deferred to it: the root's check runs before the modules it copies from. */
class ReactorLogTest {
    private final ReactorLog log = new ReactorLog();

    @Test
    void theRollUpComesOnceEveryProjectThatRunsTheGoalHasReported() {
        List<String> expected = List.of("g:root", "g:app");
        RollUp.Row root = new RollUp.Row("root", "Dockerfile", null, "not checked");
        RollUp.Row app = new RollUp.Row("app", null, null, "no image");

        assertTrue(log.report("g:root", List.of(root), expected).isEmpty());
        assertTrue(log.reported("g:root"));
        assertFalse(log.reported("g:app"));
        assertEquals(
                List.of(root, app), log.report("g:app", List.of(app), expected).orElseThrow());
        assertTrue(log.report("g:app", List.of(app), expected).isEmpty(), "one roll-up per build");
    }

    @Test
    void aDeferredImageIsHandedOutOnce() {
        RollUp.Row placeholder = new RollUp.Row("root", "Dockerfile", null, "not checked");
        ReactorLog.Deferred image = new ReactorLog.Deferred(placeholder, List.of(), rows -> null, () -> {});
        log.defer(image);

        assertEquals(List.of(image), log.takeDeferred());
        assertEquals(List.of(), log.takeDeferred(), "a parallel build's other executions do not check it again");
    }

    @Test
    void aLineIsSaidFirstByOneImageOfEachGoal() {
        assertNull(log.saidBefore("check", "docker/Dockerfile\n2 hints", "app-a"));
        assertEquals("app-a", log.saidBefore("check", "docker/Dockerfile\n2 hints", "app-b"));
        assertEquals("app-a", log.saidBefore("check", "docker/Dockerfile\n2 hints", "app-c"), "the first stays");
        assertNull(log.saidBefore("explain", "docker/Dockerfile\n2 hints", "app-b"), "another goal says it again");
    }

    @Test
    void remediesHeldBackAreHandedOutOncePerGoalAndKind() {
        MavenProject a = new MavenProject();
        MavenProject b = new MavenProject();
        ReportLine.Topic record = new ReportLine.Topic(ReportLine.Kind.RECORD_BASELINE, "");
        log.holdBack("check", a, record);
        log.holdBack("check", b, record);
        log.holdBack("explain", a, record);

        assertEquals(List.of(), log.takeHeldBack("check", ReportLine.Kind.COMMIT_BASELINE));
        assertEquals(
                List.of(new ReactorLog.Held(a, ""), new ReactorLog.Held(b, "")),
                log.takeHeldBack("check", ReportLine.Kind.RECORD_BASELINE));
        assertEquals(List.of(), log.takeHeldBack("check", ReportLine.Kind.RECORD_BASELINE));
        assertEquals(List.of(new ReactorLog.Held(a, "")), log.takeHeldBack("explain", ReportLine.Kind.RECORD_BASELINE));
    }
}
