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
 */
final class RawJsonLog {
    private static final Gson GSON = new GsonBuilder().setStrictness(Strictness.STRICT).create();
    private static final Set<String> STATUS_FIELDS = Set.of("vertexes", "statuses", "logs", "warnings");

    private RawJsonLog() {}

    private record SolveStatus(List<VertexJson> vertexes) {}

    private record VertexJson(
            String digest, String name, String started, String completed, boolean cached, String error) {}

    /** True when a line is a JSON object with a SolveStatus field, for format detection. */
    static boolean isProgressLine(String line) {
        try {
            JsonElement json = GSON.fromJson(line, JsonElement.class);
            return json != null && json.isJsonObject() && STATUS_FIELDS.stream().anyMatch(json.getAsJsonObject()::has);
        } catch (JsonParseException e) {
            return false;
        }
    }

    static List<VertexRun> vertices(String source, List<String> lines) throws CostLogException {
        Map<String, Vertex> byDigest = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("{")) {
                continue;
            }
            for (VertexJson json : status(line, source, i + 1)) {
                if (json.digest() == null) {
                    throw CostLogException.at(source, i + 1, "a vertex without a digest");
                }
                byDigest.computeIfAbsent(json.digest(), d -> new Vertex()).read(json, source, i + 1);
            }
        }
        // BuildKit announces the whole graph first, last stage first; the order they start in is the plain log's.
        return byDigest.values().stream()
                .sorted(Comparator.comparing(Vertex::firstStart, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(Vertex::run)
                .toList();
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
