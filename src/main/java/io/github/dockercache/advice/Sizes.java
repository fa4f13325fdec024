package io.github.dockercache.advice;

import java.util.Locale;

/** Byte counts as messages write them: {@code 350.0 KiB}, {@code 12 bytes}. */
final class Sizes {
    private Sizes() {}

    static String human(long bytes) {
        String[] units = {"KiB", "MiB", "GiB"};
        double value = bytes;
        String unit = "bytes";
        for (int i = 0; i < units.length && value >= 1024; i++) {
            value /= 1024;
            unit = units[i];
        }
        return unit.equals("bytes") ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, unit);
    }
}
