import com.google.gson.GsonBuilder;
import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.report.TextReport;
import io.github.dockercache.store.SnapshotStore;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The size and read time of a baseline of a context, for bench/ratios.sh. One line of {@code key=value} per call.
 *
 * <p>{@code BaselineBench write CONTEXT STAT_CACHE OUT_DIR}: takes a snapshot of CONTEXT/Dockerfile and writes it
 * as the plugin writes a baseline ({@code OUT_DIR/baseline.json}, format version 2) and as format version 1 wrote it
 * ({@code OUT_DIR/baseline-v1.json}); prints both sizes and the gzip size of each, the candidates measured.
 *
 * <p>{@code BaselineBench check CONTEXT STAT_CACHE BASELINE SNAPSHOT}: what a check costs besides Maven (see
 * {@link #check}), each part timed (wall, and CPU of the whole process), then the CPU time the JVM's compiler and
 * collector threads took since its start (Linux); {@code -Dbench.repeat=N} measures the last of N in this JVM.
 *
 * <p>{@code BaselineBench read FILE}: reads FILE with {@code SnapshotStore.readForComparison} in this fresh JVM, as a
 * check does (the file table decoded only when a step's entries are read), and prints the time the first read took
 * (wall, and CPU of the reading thread); then the time decoding the table adds ({@code decode_ms}), as it does when
 * a step missed; with {@code -Dbench.repeat=N} also the last of N reads in this JVM (warm).
 */
public final class BaselineBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("check")) {
            check(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
            return;
        }
        if (args[0].equals("read")) {
            read(Path.of(args[1]));
            return;
        }
        Path context = Path.of(args[1]);
        Path out = Files.createDirectories(Path.of(args[3]));
        Snapshot snapshot = CacheModel.snapshot(
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null),
                Path.of(args[2]));
        Path compact = out.resolve("baseline.json");
        SnapshotStore.write(compact, snapshot);
        Snapshot s = snapshot;
        Snapshot versionOne = new Snapshot(
                s.format(),
                Snapshot.PLAIN_VERSION,
                s.dockerfile(),
                s.target(),
                s.buildArgs(),
                s.steps(),
                s.files(),
                s.warnings(),
                s.history(),
                s.builder(),
                s.stages(),
                s.dependencies());
        String plain = new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .create()
                        .toJson(versionOne) + "\n";
        Path legacy = out.resolve("baseline-v1.json");
        Files.writeString(legacy, plain);
        System.out.printf(
                Locale.ROOT,
                "v2_bytes=%d v2_gzip_bytes=%d v1_bytes=%d v1_gzip_bytes=%d files=%d%n",
                Files.size(compact),
                gzipSize(Files.readAllBytes(compact)),
                Files.size(legacy),
                gzipSize(plain.getBytes(StandardCharsets.UTF_8)),
                snapshot.files().size());
    }

    private static void read(Path file) throws Exception {
        int repeat = Integer.getInteger("bench.repeat", 1);
        StringBuilder line = new StringBuilder();
        for (int round = 1; round <= repeat; round++) {
            long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Snapshot read = SnapshotStore.readForComparison(file);
            long elapsed = System.nanoTime() - start;
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
            int files = read.files().size(); // decodes the table
            long decoded = System.nanoTime() - start - elapsed;
            long decodedCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart - cpu;
            if (round == 1) {
                line.append(String.format(
                        Locale.ROOT,
                        "read_ms=%d read_cpu_ms=%d decode_ms=%d decode_cpu_ms=%d files=%d",
                        elapsed / 1_000_000,
                        cpu / 1_000_000,
                        decoded / 1_000_000,
                        decodedCpu / 1_000_000,
                        files));
            } else if (round == repeat) {
                line.append(String.format(
                        Locale.ROOT, " warm_read_ms=%d warm_read_cpu_ms=%d", elapsed / 1_000_000, cpu / 1_000_000));
            }
        }
        System.out.println(line);
    }

    /**
     * What a check costs besides Maven: the snapshot (with the stat cache), reading the baseline, comparing with it
     * (verdicts and explanations) and writing the new snapshot; advice rules and reports are left out.
     */
    private static void check(Path context, Path statCache, Path baseline, Path snapshotFile) throws Exception {
        int repeat = Integer.getInteger("bench.repeat", 1);
        long[] times = new long[5];
        long[] cpu = new long[5];
        for (int round = 0; round < repeat; round++) {
            times[0] = System.nanoTime();
            cpu[0] = processCpu();
            Snapshot current = CacheModel.snapshot(
                    new BuildSettings(
                            context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null),
                    statCache);
            mark(times, cpu, 1);
            Snapshot recorded = SnapshotStore.readForComparison(baseline);
            mark(times, cpu, 2);
            Comparison comparison = Comparison.compare(current, recorded, StabilityPolicy.defaults(), context);
            TextReport.explain(comparison);
            mark(times, cpu, 3);
            SnapshotStore.write(snapshotFile, current);
            mark(times, cpu, 4);
        }
        String[] names = {"snapshot", "read", "compare", "write"};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            line.append(String.format(
                    Locale.ROOT,
                    "%s_ms=%d %s_cpu_ms=%d ",
                    names[i],
                    (times[i + 1] - times[i]) / 1_000_000,
                    names[i],
                    (cpu[i + 1] - cpu[i]) / 1_000_000));
        }
        System.out.println(line.append(String.format(
                Locale.ROOT,
                "total_ms=%d total_cpu_ms=%d jit_cpu_ms=%d gc_cpu_ms=%d",
                (times[4] - times[0]) / 1_000_000,
                (cpu[4] - cpu[0]) / 1_000_000,
                threadsCpu("C1 CompilerThre", "C2 CompilerThre"),
                threadsCpu("GC Thread", "G1 ", "VM Thread"))));
    }

    private static void mark(long[] times, long[] cpu, int index) {
        times[index] = System.nanoTime();
        cpu[index] = processCpu();
    }

    /**
     * CPU time (ms) since the JVM's start of its threads whose names begin with one of {@code prefixes} (the JIT
     * compilers, the collector): on Linux, from /proc; -1 elsewhere.
     */
    private static long threadsCpu(String... prefixes) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (java.util.Arrays.stream(prefixes).anyMatch(name::startsWith)) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return ticks * 10; // 100 ticks a second on Linux
    }

    /** CPU time of the whole process (reader threads, JIT, collector): on a loaded machine, steadier than wall time. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gzipSize(byte[] bytes) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(buffer)) {
            gzip.write(bytes);
        }
        return buffer.size();
    }
}
