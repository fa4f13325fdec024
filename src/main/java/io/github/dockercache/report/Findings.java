package io.github.dockercache.report;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the CI reports (JUnit, SARIF, Markdown) say about each step of a comparison. It is decided here
 * once, so that the three formats never disagree about whether a step breaks the build, and so that a
 * cause reads the same in all of them: on one line, with control characters from file names escaped
 * ({@link Printable}).
 */
final class Findings {
    /** Causes whose was/now values are digests or keys: they mean nothing to a reader. */
    private static final Set<CauseKind> OPAQUE_VALUES = EnumSet.of(
            CauseKind.FILE_CONTENT,
            CauseKind.SOURCE_CONTENT,
            CauseKind.BUILD_TIMESTAMPS,
            CauseKind.JAR_LAYER,
            CauseKind.HEREDOC,
            CauseKind.UPSTREAM_STEP,
            CauseKind.UPSTREAM_STAGE);

    /** How a step comes out for CI. */
    enum Outcome {
        CACHED,
        /** Rebuilt for an unexpected reason, and the failOn rule fails the build for it. */
        VIOLATION,
        /** Rebuilt for an unexpected reason that the failOn rule tolerates. */
        TOLERATED,
        /** Rebuilt, and every cause is expected (a dependency manifest the step copies, a dependency update). */
        EXPECTED,
        /** May be rebuilt: only a real build can tell. */
        UNKNOWN
    }

    record Finding(StepResult step, Outcome outcome) {}

    /**
     * A cause in plain text.
     *
     * @param detail the sentence saying what changed
     * @param notes was/now values and the fix, when there are any
     */
    record CauseText(String detail, List<String> notes) {}

    private final Comparison comparison;
    private final FailOn failOn;
    private final List<Finding> findings;

    private Findings(Comparison comparison, FailOn failOn, List<Finding> findings) {
        this.comparison = comparison;
        this.failOn = failOn;
        this.findings = findings;
    }

    static Findings of(Comparison comparison, FailOn failOn) {
        Set<String> violations = failOn.violations(comparison.steps()).stream()
                .map(StepResult::stepId)
                .collect(Collectors.toSet());
        List<Finding> findings = comparison.steps().stream()
                .map(step -> new Finding(step, outcome(step, violations.contains(step.stepId()))))
                .toList();
        return new Findings(comparison, failOn, findings);
    }

    private static Outcome outcome(StepResult step, boolean violation) {
        if (step.verdict() == Verdict.CACHED) {
            return Outcome.CACHED;
        }
        if (step.verdict() == Verdict.UNKNOWN) {
            return Outcome.UNKNOWN;
        }
        if (step.expected()) {
            return Outcome.EXPECTED;
        }
        return violation ? Outcome.VIOLATION : Outcome.TOLERATED;
    }

    Comparison comparison() {
        return comparison;
    }

    /** Every step, in build order. */
    List<Finding> all() {
        return findings;
    }

    /**
     * The steps the failOn rule judges, in build order: every step with {@code any}, the stable ones otherwise
     * ({@code never} judges them only to report).
     */
    List<Finding> judged() {
        return failOn == FailOn.ANY
                ? findings
                : findings.stream().filter(f -> f.step().stable()).toList();
    }

    boolean failed() {
        return count(Outcome.VIOLATION) > 0;
    }

    long count(Outcome outcome) {
        return findings.stream().filter(f -> f.outcome() == outcome).count();
    }

    /** The rule as users write it: {@code failOn=stable}. */
    String rule() {
        return "failOn=" + failOn.name().toLowerCase(Locale.ROOT);
    }

    /** The other steps that miss because this first miss does, in build order. */
    List<StepResult> downstreamOf(StepResult firstMiss) {
        return comparison.steps().stream()
                .filter(s -> s != firstMiss
                        && s.verdict() != Verdict.CACHED
                        && s.rootStepId().equals(firstMiss.stepId()))
                .toList();
    }

    /** True when this first miss, or a step it brings down with it, fails the build. */
    boolean failsBecauseOf(StepResult firstMiss) {
        return findings.stream()
                .anyMatch(f -> f.outcome() == Outcome.VIOLATION
                        && f.step().rootStepId().equals(firstMiss.stepId()));
    }

    /** {@code build:3 COPY pom.xml . is rebuilt}: the step as the console's headline shows it. */
    static String headline(StepResult step) {
        return step.stepId() + " " + Shortened.of(step.text(), Shortened.LINE) + " " + verdictPhrase(step);
    }

    static String verdictPhrase(StepResult step) {
        return switch (step.verdict()) {
            case CACHED -> "is cached";
            case REBUILT -> "is rebuilt";
            case UNKNOWN -> "may be rebuilt";
        };
    }

    /** Every cause's detail on one line, for a message attribute or a title. */
    static String causeDetails(StepResult step) {
        return step.causes().stream()
                .map(Findings::describe)
                .map(CauseText::detail)
                .collect(Collectors.joining("; "));
    }

    /** The causes as an indented plain-text list, then the unknown reason, if any. */
    static String causeList(StepResult step) {
        StringBuilder text = new StringBuilder();
        for (Cause cause : step.causes()) {
            CauseText described = describe(cause);
            text.append("- ").append(described.detail()).append('\n');
            described.notes().forEach(note -> text.append("    ").append(note).append('\n'));
        }
        if (step.unknownReason() != null) {
            text.append("unknown: ")
                    .append(Printable.oneLine(step.unknownReason()))
                    .append('\n');
        }
        return text.toString();
    }

    static CauseText describe(Cause cause) {
        List<String> notes = new ArrayList<>();
        if (showsValues(cause)) {
            notes.add("was: " + valueText(cause.kind(), cause.before()));
            notes.add("now: " + valueText(cause.kind(), cause.after()));
        }
        if (cause.advice() != null) {
            notes.add("fix: " + Printable.oneLine(cause.advice()));
        }
        return new CauseText(
                Printable.oneLine(cause.detail())
                        + (cause.expected() ? " (expected: " + Printable.oneLine(cause.expectedBecause()) + ")" : ""),
                List.copyOf(notes));
    }

    /** Values say something when they are readable and the detail does not already quote them (mode bits do). */
    private static boolean showsValues(Cause cause) {
        if (cause.before() == null && cause.after() == null || OPAQUE_VALUES.contains(cause.kind())) {
            return false;
        }
        return !(quotes(cause.detail(), cause.before()) && quotes(cause.detail(), cause.after()));
    }

    private static boolean quotes(String detail, String value) {
        return value == null || detail.contains(value);
    }

    /** One line: an edited RUN's text may span several, which is its layout; in any other value a line break is data. */
    private static String valueText(CauseKind kind, String value) {
        if (value == null) {
            return "(none)";
        }
        return kind == CauseKind.INSTRUCTION ? Printable.flat(value) : Printable.oneLine(value);
    }
}
