package io.github.dockercache.context;

import java.time.Duration;

/** Counts walked entries and reports them now and then: after 2 s, then every 5 s, and at the end of a long walk. */
final class ProgressClock {
    private static final long FIRST_REPORT_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long REPORT_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final ScanProgress progress;
    private final long start = System.nanoTime();
    private long nextReport = start + FIRST_REPORT_NANOS;
    private long entries;
    private boolean reported;

    ProgressClock(ScanProgress progress) {
        this.progress = progress;
    }

    void tick() {
        entries++;
        long now = System.nanoTime();
        if (now >= nextReport) {
            progress.report(entries, Duration.ofNanos(now - start), false);
            reported = true;
            nextReport = now + REPORT_INTERVAL_NANOS;
        }
    }

    /** The closing report, only when the walk was long enough to have reported along the way. */
    void finish() {
        if (reported) {
            progress.report(entries, Duration.ofNanos(System.nanoTime() - start), true);
        }
    }
}
