package io.github.dockercache.workflow;

import io.github.dockercache.report.ReportLine;

/** A goal cannot run: bad input (a Dockerfile error, an unreadable baseline) or an I/O failure. */
public final class WorkflowException extends Exception {
    private final boolean userError;

    WorkflowException(String message, Throwable cause, boolean userError) {
        // the mojo shows it as the build's one-line error, whatever file names it quotes
        super(message == null ? null : ReportLine.oneLine(message), cause);
        this.userError = userError;
    }

    /** True when the user's files or settings are at fault, false when the environment is. */
    public boolean isUserError() {
        return userError;
    }
}
