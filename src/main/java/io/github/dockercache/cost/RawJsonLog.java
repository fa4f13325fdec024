package io.github.dockercache.cost;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import io.github.dockercache.cost.VertexRun.Ending;
import io.github.dockercache.files.JsonReasons;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code --progress=rawjson} output: one BuildKit {@code SolveStatus} per line, of which only
 * {@code vertexes} tell step times.
 *
 * <p>Each status repeats a vertex's whole state (digest, name, {@code started}, {@code completed}, {@code cached},
 * {@code error}) whenever it changes, so the lines of one digest are merged. A vertex that runs again gets a new
 * {@code started} (one status can even hold an ended run and the new one), so each distinct start is one run, and a
 * vertex's time is the sum of its runs. A status without {@code started} announces a vertex and, as in BuildKit's
 * own printer, does not reset one that has started. Lines that do not start with a brace are the client's messages
 * (an error summary after a failed build) and are skipped.
 *
 * <p>buildx writes one status per line from 0.15 on; the buildx of Docker 26.1 indents each over many lines, so a
 * status is read from the line that opens it to the brace that closes it.
 */
final class RawJsonLog {
    private static final Gson GSON =
            new GsonBuilder().setStrictness(Strictness.STRICT).create();
    private static final Set<String> STATUS_FIELDS = Set.of("vertexes", "statuses", "logs", "warnings");

    private RawJsonLog() {}

    private record SolveStatus(List<VertexJson> vertexes) {}

    private record VertexJson(
            String digest, String name, String started, String completed, boolean cached, String error) {}

    /**
     * True when the lines from {@code first} on start with a JSON object with a SolveStatus field, for format
     * detection.
     */
    static boolean startsProgress(List<String> lines, int first) {
        int last = lastLineOf(lines, first);
        if (last < 0) {
            return false;
        }
        try {
            JsonElement json = GSON.fromJson(String.join("\n", lines.subList(first, last + 1)), JsonElement.class);
            return json != null && json.isJsonObject() && STATUS_FIELDS.stream().anyMatch(json.getAsJsonObject()::has);
        } catch (JsonParseException e) {
            return false;
        }
    }

    static List<VertexRun> vertices(String source, List<String> lines) throws CostLogException {
        Map<String, Vertex> byDigest = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().startsWith("{")) {
                continue;
            }
            int last = lastLineOf(lines, i);
            if (last < 0) {
                throw CostLogException.at(source, i + 1, "a status that the log ends before closing; is it cut off?");
            }
            String status = String.join("\n", lines.subList(i, last + 1)).strip();
            for (VertexJson json : status(status, source, i + 1)) {
                if (json.digest() == null) {
                    throw CostLogException.at(source, i + 1, "a vertex without a digest");
                }
                byDigest.computeIfAbsent(json.digest(), d -> new Vertex()).read(json, source, i + 1);
            }
            i = last;
        }
        // BuildKit announces the whole graph first, last stage first; the order they start in is the plain log's.
        return byDigest.values().stream()
                .sorted(Comparator.comparing(Vertex::firstStart, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(Vertex::run)
                .toList();
    }

    /**
     * The line on which the JSON value that opens on line {@code first} closes (its braces and brackets balanced,
     * outside strings), or -1 when the lines end first. Work is linear in the lines read.
     */
    private static int lastLineOf(List<String> lines, int first) {
        int depth = 0;
        boolean inString = false;
        for (int l = first; l < lines.size(); l++) {
            String line = lines.get(l);
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if ((c == '}' || c == ']') && --depth == 0) {
                    return l;
                }
            }
        }
        return -1;
    }

    private static List<VertexJson> status(String line, String source, int lineNumber) throws CostLogException {
        try {
            SolveStatus status = GSON.fromJson(line, SolveStatus.class);
            return status.vertexes() == null ? List.of() : status.vertexes();
        } catch (JsonParseException e) {
            throw CostLogException.at(source, lineNumber, "not a BuildKit status line: " + reason(e));
        }
    }

    /** Gson's reason; the line number it gives is always 1, since each log line is parsed alone. */
    private static String reason(JsonParseException e) {
        return JsonReasons.firstLine(e).replaceFirst(" at line 1 column ", " at column ");
    }

    private static final class Vertex {
        String name;
        // Run start -> end, null while the run is going on; sorted so the sum does not depend on arrival order.
        final TreeMap<Instant, Instant> runs = new TreeMap<>();
        boolean cached;
        boolean failed;
        boolean ended;

        void read(VertexJson json, String source, int lineNumber) throws CostLogException {
            if (json.name() != null) {
                name = json.name();
            }
            if (json.started() == null) {
                return;
            }
            Instant start = instant(json.started(), source, lineNumber);
            Instant end = json.completed() == null ? null : instant(json.completed(), source, lineNumber);
            if (end != null || !runs.containsKey(start)) {
                runs.put(start, end);
            }
            cached = json.cached();
            failed = json.error() != null && !json.error().isEmpty();
            ended = end != null;
        }

        Instant firstStart() {
            return runs.isEmpty() ? null : runs.firstKey();
        }

        VertexRun run() {
            Duration ran = Duration.ZERO;
            for (Map.Entry<Instant, Instant> run : runs.entrySet()) {
                if (run.getValue() != null && run.getValue().isAfter(run.getKey())) {
                    ran = ran.plus(Duration.between(run.getKey(), run.getValue()));
                }
            }
            Ending ending = !ended ? null : failed ? Ending.FAILED : cached ? Ending.CACHED : Ending.DONE;
            return new VertexRun(name == null ? null : StepLabel.parse(name).orElse(null), ran, ending);
        }

        private static Instant instant(String rfc3339, String source, int lineNumber) throws CostLogException {
            try {
                return OffsetDateTime.parse(rfc3339).toInstant();
            } catch (DateTimeParseException e) {
                throw CostLogException.at(source, lineNumber, "not an RFC 3339 time: " + GSON.toJson(rfc3339));
            }
        }
    }
}
