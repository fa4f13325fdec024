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
 * @param entries for an archive, a generated text file or a layer extracted from a jar: which of its entries were
 *     added, removed, changed or re-stamped; else null
 */
public record Cause(
        CauseKind kind, String subject, String before, String after, String detail, String advice, boolean expected,
        EntryChanges entries) {

    /** A cause about something that has no entries of its own. */
    public Cause(CauseKind kind, String subject, String before, String after, String detail, String advice,
            boolean expected) {
        this(kind, subject, before, after, detail, advice, expected, null);
    }

    Cause withExpected(boolean value) {
        return new Cause(kind, subject, before, after, detail, advice, value, entries);
    }

    Cause withAdvice(String value) {
        return new Cause(kind, subject, before, after, detail, value, expected, entries);
    }
}
