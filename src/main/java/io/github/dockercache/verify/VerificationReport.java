package io.github.dockercache.verify;

import com.google.gson.GsonBuilder;
import io.github.dockercache.compare.StepResult;
import io.github.dockercache.compare.Verdict;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.report.ReportLine.Level;
import io.github.dockercache.verify.Verification.Agreement;
import io.github.dockercache.verify.Verification.Cache;
import io.github.dockercache.verify.Verification.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A verification as the console shows it, and as {@code verify.json} records it. */
public final class VerificationReport {
    /** The version of {@code verify.json}'s layout (docs/verify.md). */
    static final int JSON_VERSION = 1;

    private VerificationReport() {}

    /**
     * The console lines: one per compared step, then the tally, or the one line that says the log cannot verify
     * anything; then every disagreement with both verdicts and the inputs of the plugin's key.
     *
     * @param logName the log as the user named it
     * @param dockerfileName the Dockerfile as the console names it
     */
    public static List<ReportLine> lines(Verification verification, String logName, String dockerfileName) {
        List<ReportLine> lines = new ArrayList<>();
        long unchanged = verification.rows().stream()
                .filter(row -> row.prediction().verdict() == Verdict.CACHED)
                .count();
        long changed = verification.rows().stream()
                .filter(row -> row.prediction().verdict() == Verdict.REBUILT)
                .count();
        if (verification.cache() == Cache.COLD) {
            lines.add(new ReportLine(
                    Level.WARN,
                    logName + " was not built from the baseline's cache: the engine ran every"
                            + " step, also the " + plural(unchanged, "step")
                            + " the plugin finds unchanged since the baseline,"
                            + " so nothing is verified. Verify the log of a build whose cache holds the baseline's build"
                            + " (docker buildx build --cache-from <the baseline's image or cache>)."));
            return lines;
        }
        if (verification.cache() == Cache.WARM) {
            lines.add(
                    new ReportLine(
                            Level.WARN,
                            logName + " was built with this very build in the cache: the engine took"
                                    + " every step from it, also the " + plural(changed, "step")
                                    + " the plugin finds changed since the"
                                    + " baseline, so nothing is verified. Verify the log of the first build after the baseline's."));
            return lines;
        }
        verification.rows().forEach(row -> lines.add(new ReportLine(Level.INFO, tableLine(row))));
        for (String stage : verification.coldStages()) {
            Row first = verification.rows().stream()
                    .filter(row -> row.prediction().stage().equals(stage))
                    .findFirst()
                    .orElseThrow();
            lines.add(
                    new ReportLine(
                            Level.WARN,
                            "Stage '" + stage + "' is not verified: the engine ran its first step "
                                    + first.prediction().stepId() + " ("
                                    + first.prediction().text() + "), which nothing since the"
                                    + " baseline changes, and every later one; its cache did not hold the baseline's build of that"
                                    + " stage (a cache exported with mode=min keeps the last stage only), or its base image moved."));
        }
        for (Row row : verification.disagreements()) {
            StepResult prediction = row.prediction();
            lines.add(new ReportLine(
                    Level.ERROR,
                    "Step " + prediction.stepId() + " (" + dockerfileName + ":"
                            + prediction.line() + ") " + prediction.text() + ": the plugin predicts "
                            + prediction.verdict().name().toLowerCase(Locale.ROOT) + ", the engine "
                            + row.engine().word()
                            + " it."));
            lines.add(new ReportLine(
                    Level.ERROR, "  key " + prediction.key() + ", the baseline's " + prediction.baselineKey()));
            if (row.step() != null) {
                row.step()
                        .reads()
                        .inputs()
                        .forEach((name, value) ->
                                lines.add(new ReportLine(Level.ERROR, "  input " + name + " = " + value)));
            }
        }
        lines.add(new ReportLine(
                verification.disagreements().isEmpty() ? Level.INFO : Level.ERROR, summary(verification)));
        return lines;
    }

    /** {@code 7 steps agree, 1 unknown, 1 disagrees} and what else the tally holds. */
    public static String summary(Verification verification) {
        Map<Agreement, String> words = new LinkedHashMap<>();
        words.put(Agreement.AGREES, "agree");
        words.put(Agreement.UNKNOWN, "unknown");
        words.put(Agreement.NOT_LOGGED, "not in the log");
        words.put(Agreement.NOT_VERIFIED, "not verified");
        words.put(Agreement.DISAGREES, "disagree");
        String counts = words.entrySet().stream()
                .filter(word -> word.getKey() == Agreement.AGREES
                        || word.getKey() == Agreement.DISAGREES
                        || verification.count(word.getKey()) > 0)
                .map(word -> verification.count(word.getKey()) + " " + word.getValue())
                .collect(Collectors.joining(", "));
        return "Verified " + plural(verification.rows().size(), "step") + " against the engine: " + counts + ".";
    }

    private static String tableLine(Row row) {
        StepResult prediction = row.prediction();
        String engine = row.engine() == null ? "-" : row.engine().word();
        String note = switch (row.agreement()) {
            case AGREES -> "agrees";
            case UNKNOWN -> "unknown: " + prediction.unknownReason();
            case NOT_LOGGED -> "not in the log";
            case NOT_VERIFIED -> "not verified";
            case DISAGREES -> "DISAGREES";
        };
        return String.format(
                "  %-10s %-50s plugin %-8s engine %-8s %s",
                prediction.stepId(),
                shortened(prediction.text()),
                prediction.verdict().name().toLowerCase(Locale.ROOT),
                engine,
                note);
    }

    private static String shortened(String text) {
        String oneLine = ReportLine.oneLine(text);
        return oneLine.length() <= 50 ? oneLine : oneLine.substring(0, 49) + "\u2026";
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * {@code verify.json}: every compared step with both verdicts, the keys and, for a disagreement, the inputs of the
     * plugin's key (secret values appear only as the digests the snapshot holds).
     */
    public static String json(Verification verification, String buildkitVersion, String builder) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "dockercache-verify");
        root.put("version", JSON_VERSION);
        root.put("buildkitVersion", buildkitVersion);
        root.put("builder", builder);
        root.put("cache", verification.cache().name().toLowerCase(Locale.ROOT));
        root.put("coldStages", verification.coldStages());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Agreement agreement : Agreement.values()) {
            counts.put(agreement.name().toLowerCase(Locale.ROOT).replace('_', '-'), verification.count(agreement));
        }
        root.put("counts", counts);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Row row : verification.rows()) {
            StepResult prediction = row.prediction();
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("id", prediction.stepId());
            step.put("line", prediction.line());
            step.put("text", prediction.text());
            step.put("plugin", prediction.verdict().name().toLowerCase(Locale.ROOT));
            step.put("engine", row.engine() == null ? null : row.engine().word());
            step.put(
                    "agreement", row.agreement().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            step.put("unknownReason", prediction.unknownReason());
            step.put("key", prediction.key());
            step.put("baselineKey", prediction.baselineKey());
            if (row.agreement() == Agreement.DISAGREES && row.step() != null) {
                step.put("inputs", row.step().reads().inputs());
            }
            steps.add(step);
        }
        root.put("steps", steps);
        return new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .serializeNulls()
                        .create()
                        .toJson(root) + "\n";
    }
}
