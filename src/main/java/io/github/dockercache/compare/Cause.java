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
 */
public record Cause(
        CauseKind kind, String subject, String before, String after, String detail, String advice,
        String expectedBecause) {

    /** A cause that is not expected. */
    public Cause(CauseKind kind, String subject, String before, String after, String detail, String advice) {
        this(kind, subject, before, after, detail, advice, null);
    }

    /** True when the change is an expected one: reported, never failed. */
    public boolean expected() {
        return expectedBecause != null;
    }

    /** The same cause, expected for that reason (null: not expected). */
    Cause expectedBecause(String reason) {
        return new Cause(kind, subject, before, after, detail, advice, reason);
    }
}
