package io.github.dockercache.report;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.model.Snapshot;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Why a step is the first of its chain to miss: its changed files as one table, every other cause as
 * an item with its kind, sentence, baseline and current values, and advice.
 */
final class CauseList {
    /** Their values are keys or the instruction itself: the sentence says all there is. */
    private static final Set<CauseKind> WITHOUT_VALUES =
            EnumSet.of(CauseKind.UPSTREAM_STEP, CauseKind.UPSTREAM_STAGE, CauseKind.NEW_STEP, CauseKind.JAR_LAYER);
    /** Enough of a digest to tell two apart at a glance; the title attribute holds all of it. */
    private static final int SHOWN_DIGEST_HEX = 10;

    private final FileDiffTable fileTable;

    CauseList(Snapshot current, Snapshot baseline) {
        this.fileTable = new FileDiffTable(current, baseline);
    }

    void write(HtmlWriter out, StepResult step) {
        write(
                out,
                step,
                step.causes(),
                step.verdict() == Verdict.UNKNOWN ? "Why it may be rebuilt" : "Why it is rebuilt");
    }

    /** Some of the step's causes, under a heading. */
    void write(HtmlWriter out, StepResult step, List<Cause> causes, String heading) {
        List<Cause> fileCauses = causes.stream()
                .filter(c -> FileDiffTable.FILE_KINDS.contains(c.kind()))
                .toList();
        List<Cause> otherCauses = causes.stream()
                .filter(c -> !FileDiffTable.FILE_KINDS.contains(c.kind()))
                .toList();
        out.open("section", "class", "causes");
        out.element("h5", heading);
        if (!otherCauses.isEmpty()) {
            out.open("ul", "class", "cause-list");
            otherCauses.forEach(cause -> writeCause(out, cause));
            out.close("ul");
        }
        if (!fileCauses.isEmpty()) {
            fileTable.write(out, fileCauses);
        }
        out.close("section");
    }

    private static void writeCause(HtmlWriter out, Cause cause) {
        out.open("li", "class", "cause change-" + kindClass(cause.kind()));
        out.open("p", "class", "cause-line")
                .element("span", kindLabel(cause.kind()), "class", "kind")
                .text(" ")
                .element("span", cause.detail(), "class", "detail");
        if (cause.expected()) {
            out.text(" ").element("span", "expected", "class", "tag tag-expected");
        }
        out.close("p");
        if (cause.kind() == CauseKind.INSTRUCTION) {
            if (cause.before() != null || cause.after() != null) { // none when the edit is a secret's
                writeInstructionEdit(out, cause);
            }
        } else if (!WITHOUT_VALUES.contains(cause.kind()) && (cause.before() != null || cause.after() != null)) {
            out.open("p", "class", "values");
            writeValue(out, "was", cause.before());
            out.element("span", " \u2192 ", "class", "becomes");
            writeValue(out, "now", cause.after());
            out.close("p");
        }
        if (cause.advice() != null) {
            writeAdvice(out, cause.advice());
        }
        out.close("li");
    }

    /** An edited instruction is shown whole, before and after: the edit may be anywhere in a long RUN. */
    private static void writeInstructionEdit(HtmlWriter out, Cause cause) {
        out.open("div", "class", "edit");
        writeText(out, "was", "Baseline", cause.before());
        writeText(out, "now", "Current", cause.after());
        out.close("div");
    }

    private static void writeText(HtmlWriter out, String cssClass, String label, String text) {
        out.open("div", "class", cssClass).element("span", label, "class", "edit-label");
        out.open("pre")
                .open("code")
                .lines(text == null ? "" : text)
                .close("code")
                .close("pre");
        out.close("div");
    }

    private static void writeValue(HtmlWriter out, String cssClass, String value) {
        if (value == null) {
            out.element("span", "unset", "class", cssClass + " absent");
        } else {
            out.element("code", shown(value), "class", cssClass, "title", value.equals(shown(value)) ? null : value);
        }
    }

    static void writeAdvice(HtmlWriter out, String advice) {
        out.open("p", "class", "advice").element("strong", "Fix: ").text(advice).close("p");
    }

    /** A value as shown: digests shortened to what a person compares, the rest as is. */
    static String shown(String value) {
        if (value == null || !value.startsWith("sha256:") || value.length() <= "sha256:".length() + SHOWN_DIGEST_HEX) {
            return value;
        }
        return value.substring(0, "sha256:".length() + SHOWN_DIGEST_HEX) + "\u2026";
    }

    static String kindClass(CauseKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String kindLabel(CauseKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
