package io.github.dockercache.store;

/**
 * A baseline's file table that passed its checksum when read but does not decode when an explanation first needs it
 * ({@link SnapshotStore#readForComparison}): a table made by hand to match its sum, or written by a faulty writer.
 * Unchecked, as it arises in whatever reads the snapshot's entries; the workflow that read the baseline words it as it
 * words any unusable baseline.
 */
public final class DamagedTableException extends RuntimeException {
    private final SnapshotFormatException problem;

    DamagedTableException(SnapshotFormatException problem) {
        super(problem.getMessage(), null, false, false);
        this.problem = problem;
    }

    /** What is wrong, as a read that decodes the table at once says it. */
    public SnapshotFormatException problem() {
        return problem;
    }
}
