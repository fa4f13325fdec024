import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.model.StepSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Runs {@link CacheModel#snapshot} once on a context and prints one line of {@code key=value} measurements
 * for bench/run.sh. One snapshot per JVM, so that the process' RSS and CPU time (measured outside) belong
 * to that one run, as for a Maven build.
 *
 * <p>Usage: {@code SnapshotBench CONTEXT_DIR [STAT_CACHE_FILE [SENT_FILES_LIST]]}; the Dockerfile is
 * CONTEXT_DIR/Dockerfile. With SENT_FILES_LIST, the relative paths of the regular files the snapshot
 * hashed are written there, NUL-separated, for a baseline that hashes exactly those files.
 */
public final class SnapshotBench {
    public static void main(String[] args) throws Exception {
        Path context = Path.of(args[0]);
        Path statCache = args.length > 1 ? Path.of(args[1]) : null;
        Path sentFiles = args.length > 2 ? Path.of(args[2]) : null;
        BuildSettings settings =
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        // -Dbench.repeat=N: N snapshots in this JVM, the last one measured, as a JVM kept running (mvnd) would see it
        int repeat = Integer.getInteger("bench.repeat", 1);
        for (int warmUp = 1; warmUp < repeat; warmUp++) {
            CacheModel.snapshot(settings, statCache);
        }
        LiveHeapWatch liveHeap = LiveHeapWatch.start();
        long start = System.nanoTime();
        Snapshot snapshot = CacheModel.snapshot(settings, statCache);
        long elapsedNanos = System.nanoTime() - start;
        long peakHeap = peakHeapUsed();
        long maxLiveHeap = liveHeap.max();
        System.gc();
        long retainedHeap =
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(
                Locale.ROOT,
                "snapshot_ms=%d peak_heap_mib=%.1f max_live_heap_mib=%.1f retained_heap_mib=%.1f files=%d keys=%s%n",
                elapsedNanos / 1_000_000,
                peakHeap / 1048576.0,
                maxLiveHeap / 1048576.0,
                retainedHeap / 1048576.0,
                snapshot.files().size(),
                keysDigest(snapshot));
        if (sentFiles != null) {
            writeRegularFiles(snapshot, sentFiles);
        }
    }

    private static void writeRegularFiles(Snapshot snapshot, Path list) throws IOException {
        try (Writer out = Files.newBufferedWriter(list, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, FileInfo> file : snapshot.files().entrySet()) {
                if (file.getValue().type().equals("file")) {
                    out.write(file.getKey());
                    out.write('\0');
                }
            }
        }
    }

    /**
     * The largest heap still in use right after a collection: the live data at its highest, which is
     * what a smaller -Xmx has to hold (the pools' peaks only show how far the collector let garbage grow).
     */
    private static final class LiveHeapWatch implements NotificationListener {
        private final AtomicLong max = new AtomicLong();

        static LiveHeapWatch start() {
            LiveHeapWatch watch = new LiveHeapWatch();
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener(watch, null, null);
            }
            return watch;
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                    .getGcInfo();
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage after = info.getMemoryUsageAfterGc().get(pool.getName());
                if (pool.getType() == MemoryType.HEAP && after != null) {
                    used += after.getUsed();
                }
            }
            max.accumulateAndGet(used, Math::max);
        }

        long max() {
            return max.get();
        }
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
            String line = step.place().id() + "=" + step.keys().key() + "/"
                    + step.keys().optimisticKey() + "\n";
            sha.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }
}
