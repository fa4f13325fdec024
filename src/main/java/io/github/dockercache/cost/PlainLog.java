package io.github.dockercache.cost;

import io.github.dockercache.cost.VertexRun.Ending;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --progress=plain} output.
 *
 * <p>Every line of a vertex starts with {@code #<index> }. BuildKit's printer writes the vertex's name whenever it
 * switches to that vertex, so the first line of an index is always its name; when it leaves a vertex that is still
 * running it writes {@code #<index> ...} and later repeats the name, which lets several vertices interleave. A run
 * ends with {@code DONE <seconds>s} (the time of that run alone, or bare {@code DONE} when it never started),
 * {@code CACHED}, {@code ERROR: <why>} or {@code CANCELED}; a vertex that runs again prints another ending, so the
 * times are added up and the last ending counts. Lines without the {@code #<index> } prefix (the client's warnings,
 * the error summary) are not progress and are skipped.
 */
final class PlainLog {
    private static final Pattern LINE = Pattern.compile("^#(\\d+) (.*)$");
    private static final Pattern DONE = Pattern.compile("^DONE(?: (\\d+(?:\\.\\d+)?)s)?$");

    private PlainLog() {}

    /** True when a line looks like plain progress, for format detection. */
    static boolean isProgressLine(String line) {
        return LINE.matcher(line).matches();
    }

    static List<VertexRun> vertices(String source, List<String> lines) throws CostLogException {
        // by the index as written: a garbled log may hold one too long for any number type
        Map<String, Vertex> byIndex = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher line = LINE.matcher(lines.get(i));
            if (!line.matches()) {
                continue;
            }
            String index = line.group(1);
            String rest = line.group(2);
            Vertex vertex = byIndex.get(index);
            if (vertex == null) {
                if (ending(rest) != null) {
                    throw CostLogException.at(
                            source,
                            i + 1,
                            "#" + index + " ends before its name was printed;" + " is the start of the log cut off?");
                }
                byIndex.put(index, new Vertex(StepLabel.parse(rest).orElse(null)));
            } else {
                vertex.read(rest, source, i + 1);
            }
        }
        List<VertexRun> runs = new ArrayList<>();
        byIndex.values().forEach(v -> runs.add(new VertexRun(v.label, v.ran, v.ending)));
        return runs;
    }

    /** The ending a vertex line reports, or null for output, a status or a repeated name, which tell no time. */
    private static Ending ending(String rest) {
        if (rest.startsWith("DONE")) {
            return Ending.DONE;
        }
        if (rest.equals("CACHED")) {
            return Ending.CACHED;
        }
        return rest.startsWith("ERROR:") || rest.equals("CANCELED") ? Ending.FAILED : null;
    }

    private static final class Vertex {
        final StepLabel label;
        Duration ran = Duration.ZERO;
        Ending ending;

        Vertex(StepLabel label) {
            this.label = label;
        }

        /** One later line of this vertex. */
        void read(String rest, String source, int lineNumber) throws CostLogException {
            Ending lineEnding = ending(rest);
            if (lineEnding == null) {
                return;
            }
            if (lineEnding == Ending.DONE) {
                Matcher done = DONE.matcher(rest);
                if (!done.matches()) {
                    throw CostLogException.at(source, lineNumber, "expected DONE <seconds>s, found '" + rest + "'");
                }
                if (done.group(1) != null) {
                    try {
                        ran = ran.plus(seconds(done.group(1)));
                    } catch (ArithmeticException e) {
                        throw CostLogException.at(source, lineNumber, "a step time beyond 292 years: '" + rest + "'");
                    }
                }
            }
            ending = lineEnding;
        }

        private static Duration seconds(String decimal) {
            return Duration.ofNanos(
                    new BigDecimal(decimal).movePointRight(9).toBigInteger().longValueExact());
        }
    }
}
