package io.github.dockercache.report;

import io.github.dockercache.compare.Cause;
import io.github.dockercache.compare.CauseKind;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.Snapshot;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The changed files of one step as a table: what changed, and the baseline and current values of just
 * that (size and content digest, mode bits, symlink target, type), read from both snapshots.
 */
final class FileDiffTable {
    static final Set<CauseKind> FILE_KINDS = EnumSet.of(
            CauseKind.FILE_CONTENT,
            CauseKind.FILE_MODE,
            CauseKind.UMASK_MODE,
            CauseKind.SYMLINK_TARGET,
            CauseKind.FILE_TYPE,
            CauseKind.FILE_ADDED,
            CauseKind.FILE_REMOVED,
            CauseKind.FILE_EXCLUDED);
    private static final String ABSENT = "\u2014";

    private final Snapshot current;
    private final Snapshot baseline;

    FileDiffTable(Snapshot current, Snapshot baseline) {
        this.current = current;
        this.baseline = baseline;
    }

    /** One row per file cause; the causes' advice follows the table once per distinct sentence. */
    void write(HtmlWriter out, List<Cause> fileCauses) {
        out.open("table", "class", "files");
        out.element("caption", fileCauses.size() == 1 ? "1 changed file" : fileCauses.size() + " changed files");
        out.open("thead").open("tr");
        for (String heading : List.of("File and change", "Baseline", "Current")) {
            out.element("th", heading, "scope", "col");
        }
        out.close("tr").close("thead").open("tbody");
        for (Cause cause : fileCauses) {
            writeRow(out, cause);
        }
        out.close("tbody").close("table");
        List<String> advice = fileCauses.stream()
                .map(Cause::advice)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        advice.forEach(sentence -> CauseList.writeAdvice(out, sentence));
    }

    /**
     * What one row shows: the kind of change, and the baseline and current sides of just that.
     *
     * @param before the baseline side, or null when the file was not there
     * @param after the current side, or null when the file is gone
     */
    private record Row(String change, Side before, Side after) {}

    /** One side of a change: the value people compare, and for content the digest that proves it; either may be null. */
    private record Side(String value, String digest) {
        static Side of(String value) {
            return value == null ? null : new Side(value, null);
        }
    }

    private void writeRow(HtmlWriter out, Cause cause) {
        Row row = row(
                cause, baseline.files().get(cause.subject()), current.files().get(cause.subject()));
        out.open("tr", "class", "change-" + CauseList.kindClass(cause.kind()));
        out.open("th", "scope", "row")
                .open("code", "class", "path")
                .breakableText(cause.subject())
                .close("code")
                .text(" ")
                .element("span", row.change(), "class", "file-change");
        if (cause.entries() != null && cause.entries().hasContentChanges()) {
            out.element("span", cause.entries().describe(), "class", "entries");
        }
        if (cause.expected()) {
            out.text(" ").element("span", "expected", "class", "tag tag-expected");
        }
        out.close("th");
        writeSide(out, "was", row.before());
        writeSide(out, "now", row.after());
        out.close("tr");
    }

    private static void writeSide(HtmlWriter out, String cssClass, Side side) {
        out.open("td", "class", cssClass);
        if (side == null) {
            out.element("span", ABSENT, "class", "absent", "title", "not in the build context");
        } else {
            if (side.value() != null) {
                out.element("code", side.value()).text(" ");
            }
            if (side.digest() != null) {
                out.open("code", "class", "digest", "title", side.digest())
                        .breakableText(CauseList.shown(side.digest()))
                        .close("code");
            }
        }
        out.close("td");
    }

    /** Mode, symlink and type causes carry their values; a content change is shown by size and digest. */
    private static Row row(Cause cause, FileInfo then, FileInfo now) {
        return switch (cause.kind()) {
            case FILE_CONTENT -> contentRow(cause, then, now);
            case FILE_MODE, UMASK_MODE -> new Row("mode", Side.of(cause.before()), Side.of(cause.after()));
            case SYMLINK_TARGET -> new Row("symlink target", Side.of(cause.before()), Side.of(cause.after()));
            case FILE_TYPE -> new Row("type", Side.of(cause.before()), Side.of(cause.after()));
            case FILE_ADDED -> new Row("added", null, Side.of(cause.after()));
            case FILE_REMOVED -> new Row("removed", Side.of(cause.before()), null);
            case FILE_EXCLUDED -> new Row("excluded", Side.of(cause.before()), Side.of(cause.after()));
            default -> throw new IllegalArgumentException("not a file cause: " + cause.kind());
        };
    }

    private static Row contentRow(Cause cause, FileInfo then, FileInfo now) {
        if (then == null || now == null) {
            return new Row("content", new Side(null, cause.before()), new Side(null, cause.after()));
        }
        if (Objects.equals(then.content(), now.content()) && then.size() == now.size()) {
            // same bytes, yet BuildKit's entry checksum differs: extended attributes or device numbers
            return new Row("metadata", new Side("same bytes", then.digest()), new Side("same bytes", now.digest()));
        }
        boolean modeChanged = !then.mode().equals(now.mode());
        return new Row(
                modeChanged ? "content and mode" : "content", content(then, modeChanged), content(now, modeChanged));
    }

    private static Side content(FileInfo info, boolean withMode) {
        return new Side(info.size() + " bytes" + (withMode ? ", " + info.mode() : ""), info.content());
    }
}
