package io.github.dockercache.store;

import java.nio.file.Path;

/** A snapshot or baseline file cannot be used: truncated, edited by hand, or from another version. */
public final class SnapshotFormatException extends Exception {
    private final String reason;
    private final boolean heapBound;

    /**
     * @param reason what is wrong in the file, in the user's words
     * @param detail the JSON reader's own failure, or null: kept for a stack trace ({@code -e}), but not as the cause,
     *     whose class name and text Maven would otherwise add to the one-line error
     * @param heapBound the file is over a limit that grows with the heap, so a genuine one reads with more heap
     */
    SnapshotFormatException(Path file, String reason, Throwable detail, boolean heapBound) {
        super("cannot use " + file + ": " + reason + ".");
        this.reason = reason;
        this.heapBound = heapBound;
        if (detail != null) {
            addSuppressed(detail);
        }
    }

    /** What is wrong in the file, without the file's name. */
    public String reason() {
        return reason;
    }

    /** True when the file is over a limit that grows with the heap: a genuine one reads with more heap. */
    public boolean heapBound() {
        return heapBound;
    }
}
