package io.github.dockercache.workflow;

import io.github.dockercache.report.ReportLine;

/** A goal cannot run: bad input (a Dockerfile error, an unreadable baseline) or an I/O failure. */
public final class WorkflowException extends Exception {
    private final boolean userError;
    private final boolean checkLater;

    WorkflowException(String message, Throwable cause, boolean userError) {
        this(message, cause, userError, false);
    }

    private WorkflowException(String message, Throwable cause, boolean userError, boolean checkLater) {
        // the mojo shows it as the build's one-line error, whatever file names it quotes
        super(message == null ? null : ReportLine.oneLine(message), cause);
        this.userError = userError;
        this.checkLater = checkLater;
    }

    /** The image cannot be checked at this point of the build, only once the build has finished. */
    static WorkflowException checkLater(String message) {
        return new WorkflowException(message, null, true, true);
    }

    /** True when the image is not checked yet, for the reason the message says: a warning, not a failure. */
    public boolean isCheckLater() {
        return checkLater;
    }

    /** True when the user's files or settings are at fault, false when the environment is. */
    public boolean isUserError() {
        return userError;
    }
}
