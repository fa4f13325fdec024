package io.github.dockercache.report;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One step as a box of its stage's chain: id, line, instruction, the verdict in colour and in words,
 * its markers, and why it misses: its own causes when it is the first miss of its chain, else the step
 * it follows.
 */
final class StepBox {
    private final StageChain chain;
    private final List<StepResult> steps;
    private final Map<String, StepResult> stepsById = new HashMap<>();
    private final Set<String> violations;
    private final CauseList causeList;

    /**
     * @param violations the ids of the steps that fail the check
     */
    StepBox(StageChain chain, List<StepResult> steps, Set<String> violations, CauseList causeList) {
        this.chain = chain;
        this.steps = steps;
        this.violations = violations;
        this.causeList = causeList;
        steps.forEach(step -> stepsById.put(step.stepId(), step));
    }

    void write(HtmlWriter out, StepResult step) {
        VerdictLook look = VerdictLook.of(step);
        String anchor = Anchors.step(step.stepId());
        out.open("li", "class", "step verdict-" + look.cssClass, "id", anchor);
        out.open("article", "class", "step-box", "aria-labelledby", anchor + "-title");
        writeHead(out, step, look, anchor + "-title");
        chain.readBy(step.stepId()).ifPresent(link -> writeReadPort(out, link));
        out.open("pre", "class", "instruction")
                .open("code")
                .lines(step.text())
                .close("code")
                .close("pre");
        if (step.isFirstMiss() && !step.causes().isEmpty()) {
            causeList.write(out, step);
            writeDownstream(out, step);
        } else if (step.verdict() != Verdict.CACHED && !step.isFirstMiss()) {
            writeFollows(out, step);
            if (!step.ownCauses().isEmpty()) {
                causeList.write(out, step, step.ownCauses(), "Its own changes");
            }
        }
        if (showsUnknownReason(step)) {
            out.open("p", "class", "unknown-reason")
                    .element("strong", "Why unknown: ")
                    .text(step.unknownReason())
                    .close("p");
        }
        out.close("article").close("li");
    }

    private void writeHead(HtmlWriter out, StepResult step, VerdictLook look, String titleId) {
        out.open("div", "class", "step-head");
        // the spaces keep the words apart when the text is copied or read aloud
        out.open("h4", "id", titleId)
                .element("span", "Step ", "class", "visually-hidden")
                .text(step.stepId())
                .close("h4")
                .text(" ");
        out.element("span", step.instruction(), "class", "keyword").text(" ");
        out.element("span", "line " + step.line(), "class", "line").text(" ");
        out.element("span", look.label, "class", "badge verdict-" + look.cssClass);
        out.close("div");
        boolean fails = violations.contains(step.stepId());
        if (step.stable() || fails) {
            out.open("p", "class", "markers");
            if (step.stable()) {
                out.element(
                        "span",
                        "stable",
                        "class",
                        "tag tag-stable",
                        "title",
                        "a stable step: the check expects it to stay cached");
            }
            if (fails) {
                out.text(" ").element("span", "fails the check", "class", "tag tag-fails");
            }
            out.close("p");
        }
    }

    /** The step reads another stage's result: the box says which, and how that stage's last step fares. */
    private void writeReadPort(HtmlWriter out, StageChain.Link link) {
        out.open("p", "class", "port port-reads")
                .element("span", "reads", "class", "port-kind")
                .text(" stage ")
                .element("a", link.fromStage(), "href", Anchors.toStage(link.fromStage()));
        if (link.fromStep() != null) {
            StepResult source = stepsById.get(link.fromStep());
            out.text(": the result of ")
                    .element("a", source.stepId(), "href", Anchors.toStep(source.stepId()))
                    .text(", " + VerdictLook.of(source).label.toLowerCase(Locale.ROOT));
        }
        out.close("p");
    }

    /** The other misses that go back to this one: what this change costs beyond its own step. */
    private void writeDownstream(HtmlWriter out, StepResult miss) {
        List<StepResult> downstream = steps.stream()
                .filter(s -> s != miss
                        && s.verdict() != Verdict.CACHED
                        && s.rootStepId().equals(miss.stepId()))
                .toList();
        if (downstream.isEmpty()) {
            return;
        }
        out.open("p", "class", "downstream").element("strong", "Takes with it: ");
        for (int i = 0; i < downstream.size(); i++) {
            String id = downstream.get(i).stepId();
            out.text(i == 0 ? "" : ", ").element("a", id, "href", Anchors.toStep(id));
        }
        out.close("p");
    }

    /**
     * A miss that only follows the one above it: the sentence of its upstream cause, with the step it
     * names as a link, and the first miss of the chain when that is further up.
     */
    private static void writeFollows(HtmlWriter out, StepResult step) {
        out.open("p", "class", "follows");
        if (!step.causes().isEmpty()) {
            Cause cause = step.causes().get(0); // the chain's miss; the step's own causes are listed apart
            String detail = cause.detail();
            int at = detail.indexOf(cause.subject());
            String sentence = Character.toUpperCase(detail.charAt(0)) + detail.substring(1);
            if (at < 0) {
                out.text(sentence + ".");
            } else {
                out.text(sentence.substring(0, at))
                        .element("a", cause.subject(), "href", Anchors.toStep(cause.subject()))
                        .text(sentence.substring(at + cause.subject().length()) + ".");
            }
            if (!cause.subject().equals(step.rootStepId())) {
                out.text(" The chain breaks at ")
                        .element("a", step.rootStepId(), "href", Anchors.toStep(step.rootStepId()))
                        .text(".");
            }
        }
        if (step.expected()) {
            out.text(" ").element("span", "expected", "class", "tag tag-expected");
        }
        out.close("p");
    }

    /** A step that only follows an unknown one has its reason too: the first of the chain says it once. */
    private boolean showsUnknownReason(StepResult step) {
        return step.unknownReason() != null
                && (step.isFirstMiss()
                        || !step.unknownReason()
                                .equals(stepsById.get(step.rootStepId()).unknownReason()));
    }
}
