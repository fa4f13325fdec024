import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link CacheModel#snapshot} once on a context and prints one line of {@code key=value} measurements
 * for bench/run.sh. One snapshot per JVM, so that the process' RSS and CPU time (measured outside) belong
 * to that one run, as for a Maven build.
 *
 * <p>Usage: {@code SnapshotBench CONTEXT_DIR [STAT_CACHE_FILE]}; the Dockerfile is CONTEXT_DIR/Dockerfile.
 */
public final class SnapshotBench {
    public static void main(String[] args) throws Exception {
        Path context = Path.of(args[0]);
        Path statCache = args.length > 1 ? Path.of(args[1]) : null;
        BuildSettings settings = new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null,
                ClientPlatform.LINUX, null);
        long start = System.nanoTime();
        Snapshot snapshot = CacheModel.snapshot(settings, statCache);
        long elapsedNanos = System.nanoTime() - start;
        long peakHeap = peakHeapUsed();
        System.gc();
        long liveHeap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "snapshot_ms=%d peak_heap_mib=%.1f live_heap_mib=%.1f files=%d keys=%s%n",
                elapsedNanos / 1_000_000, peakHeap / 1048576.0, liveHeap / 1048576.0, snapshot.files().size(),
                keysDigest(snapshot));
    }

    /**
     * The sum of the heap pools' peaks: an upper bound of the heap ever in use at once (pools peak at
     * different moments), which is what -Xmx has to accommodate.
     */
    private static long peakHeapUsed() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** A short digest of every step key, to check that all measured variants compute the same result. */
    private static String keysDigest(Snapshot snapshot) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (StepSnapshot step : snapshot.steps()) {
            String line = step.id() + "=" + step.key() + "/" + step.optimisticKey() + "\n";
            sha.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }
}
