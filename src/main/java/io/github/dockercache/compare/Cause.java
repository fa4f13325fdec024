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
 * @param expected true when the change is an expected one (a dependency manifest the step copies)
 */
public record Cause(
        CauseKind kind, String subject, String before, String after, String detail, String advice, boolean expected) {

    /** A cause that is not expected. */
    public Cause(CauseKind kind, String subject, String before, String after, String detail, String advice) {
        this(kind, subject, before, after, detail, advice, false);
    }

    Cause withExpected(boolean value) {
        return new Cause(kind, subject, before, after, detail, advice, value);
    }
}
