package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.InstructionSource;
import java.util.List;
import java.util.Locale;

/**
 * One piece of cache-hygiene advice.
 *
 * @param ruleId the stable rule id ({@code DC101}); {@code docs/rules.md#dc101} documents it
 * @param severity how much it matters
 * @param file the Dockerfile as messages name it, or null when the finding is only about a context path
 * @param line the 1-based line in that file, or 0 when the finding is only about a context path
 * @param path the context path or ignore pattern the finding is about, or null
 * @param message one line: what is wrong and what it costs
 * @param fix what to change; the exact lines to write, when they can be known, follow on their own
 *     lines, each indented by two spaces
 * @param edits the same change as data, for the lines the fix writes out; empty when the fix only says what to do
 */
public record Finding(
        String ruleId,
        Severity severity,
        String file,
        int line,
        String path,
        String message,
        String fix,
        List<Edit> edits) {

    public Finding {
        edits = List.copyOf(edits);
    }

    static Finding at(String ruleId, Severity severity, InstructionSource source, String message, String fix) {
        return at(ruleId, severity, source, null, message, fix);
    }

    static Finding at(
            String ruleId, Severity severity, InstructionSource source, String path, String message, String fix) {
        return new Finding(
                ruleId, severity, source.location().file(), source.location().line(), path, message, fix, List.of());
    }

    static Finding atPath(String ruleId, Severity severity, String path, String message, String fix) {
        return new Finding(ruleId, severity, null, 0, path, message, fix, List.of());
    }

    /** The same finding with the edits that make its fix. */
    Finding withEdits(Edit... edits) {
        return new Finding(ruleId, severity, file, line, path, message, fix, List.of(edits));
    }

    /** {@code Dockerfile:12}, or the path for a finding about the context only. */
    public String location() {
        return line > 0 ? file + ":" + line : path;
    }

    @Override
    public String toString() {
        return location() + ": " + ruleId + " " + severity.name().toLowerCase(Locale.ROOT) + ": " + message
                + "\n  fix: " + fix.replace("\n", "\n  ");
    }
}
