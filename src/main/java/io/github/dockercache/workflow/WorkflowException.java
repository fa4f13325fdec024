package io.github.dockercache.workflow;

import io.github.dockercache.report.ReportLine;
import java.nio.file.Path;
import java.util.Set;

/** A goal cannot run: bad input (a Dockerfile error, an unreadable baseline) or an I/O failure. */
public final class WorkflowException extends Exception {
    private final boolean userError;
    /** Why the image can be checked only once the build has finished, or null when it can be checked now. */
    private final String laterReason;
    /** The build directories of the projects built later whose outputs the image copies. */
    private final Set<Path> awaited;

    WorkflowException(String message, Throwable cause, boolean userError) {
        this(message, cause, userError, null, Set.of());
    }

    private WorkflowException(
            String message, Throwable cause, boolean userError, String laterReason, Set<Path> awaited) {
        // the mojo shows it as the build's one-line error, whatever file names it quotes
        super(message == null ? null : ReportLine.oneLine(message), cause);
        this.userError = userError;
        this.laterReason = laterReason == null ? null : ReportLine.oneLine(laterReason);
        this.awaited = Set.copyOf(awaited);
    }

    /**
     * The image cannot be checked at this point of the build, only once the build has finished.
     *
     * @param reason why, as a clause ("the image copies ... which this build builds after this goal"), for a build
     *     tool that checks the image itself once the build has made those files
     * @param message the warning to give when nothing checks it later in this build
     * @param awaited the build directories, of {@link BuildOutputs#laterModules()}, whose outputs it copies
     */
    static WorkflowException checkLater(String reason, String message, Set<Path> awaited) {
        return new WorkflowException(message, null, true, reason, awaited);
    }

    /** True when the image is not checked yet, for the reason the message says: a warning, not a failure. */
    public boolean isCheckLater() {
        return laterReason != null;
    }

    /** Why the image is not checked yet, as a clause without the advice of the message; null unless check later. */
    public String laterReason() {
        return laterReason;
    }

    /** The build directories of the later modules whose outputs the image copies; empty unless check later. */
    public Set<Path> awaited() {
        return awaited;
    }

    /** True when the user's files or settings are at fault, false when the environment is. */
    public boolean isUserError() {
        return userError;
    }
}
