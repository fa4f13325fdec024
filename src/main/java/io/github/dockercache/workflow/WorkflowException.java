package io.github.dockercache.workflow;

import io.github.dockercache.report.ReportLine;

/** A goal cannot run: bad input (a Dockerfile error, an unreadable baseline) or an I/O failure. */
public final class WorkflowException extends Exception {
    private final boolean userError;
    /** Why the image can be checked only once the build has finished, or null when it can be checked now. */
    private final String laterReason;

    WorkflowException(String message, Throwable cause, boolean userError) {
        this(message, cause, userError, null);
    }

    private WorkflowException(String message, Throwable cause, boolean userError, String laterReason) {
        // the mojo shows it as the build's one-line error, whatever file names it quotes
        super(message == null ? null : ReportLine.oneLine(message), cause);
        this.userError = userError;
        this.laterReason = laterReason == null ? null : ReportLine.oneLine(laterReason);
    }

    /**
     * The image cannot be checked at this point of the build, only once the build has finished.
     *
     * @param reason why, as a clause ("the image copies ... which this build builds after this goal"), for a build
     *     tool that checks the image itself once the build has made those files
     * @param message the warning to give when nothing checks it later in this build
     */
    static WorkflowException checkLater(String reason, String message) {
        return new WorkflowException(message, null, true, reason);
    }

    /** True when the image is not checked yet, for the reason the message says: a warning, not a failure. */
    public boolean isCheckLater() {
        return laterReason != null;
    }

    /** Why the image is not checked yet, as a clause without the advice of the message; null unless check later. */
    public String laterReason() {
        return laterReason;
    }

    /** True when the user's files or settings are at fault, false when the environment is. */
    public boolean isUserError() {
        return userError;
    }
}
