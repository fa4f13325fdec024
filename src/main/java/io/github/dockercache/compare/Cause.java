package io.github.dockercache.compare;

/**
 * One reason a step misses the cache.
 *
 * @param kind what changed
 * @param subject what it is about: a path, a variable name, an input name, a step id
 * @param before the baseline value, or null
 * @param after the current value, or null
 * @param detail a sentence for people
 * @param advice what to do about it, or null
 * @param expectedBecause why the change is an expected one (a dependency manifest the step copies, a dependency that
 *     changed), or null when it is not
 * @param entries for an archive, a generated text file or a layer extracted from a jar: which of its entries were
 *     added, removed, changed or re-stamped; else null
 */
public record Cause(
        CauseKind kind,
        String subject,
        String before,
        String after,
        String detail,
        String advice,
        String expectedBecause,
        EntryChanges entries) {

    /** A cause that is not expected, about something that has no entries of its own. */
    public Cause(CauseKind kind, String subject, String before, String after, String detail, String advice) {
        this(kind, subject, before, after, detail, advice, null, null);
    }

    /** A cause about something that has no entries of its own. */
    public Cause(
            CauseKind kind,
            String subject,
            String before,
            String after,
            String detail,
            String advice,
            String expectedBecause) {
        this(kind, subject, before, after, detail, advice, expectedBecause, null);
    }

    /** True when the change is an expected one: reported, never failed. */
    public boolean expected() {
        return expectedBecause != null;
    }

    /** The same cause, worded otherwise. */
    Cause withDetail(String other) {
        return new Cause(kind, subject, before, after, other, advice, expectedBecause, entries);
    }

    /** The same cause, expected for that reason (null: not expected). */
    Cause expectedBecause(String reason) {
        return new Cause(kind, subject, before, after, detail, advice, reason, entries);
    }
}
