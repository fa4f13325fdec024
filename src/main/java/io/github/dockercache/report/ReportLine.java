package io.github.dockercache.report;

/** One line of console output and the level it is logged at. */
public record ReportLine(Level level, String text) {
    public enum Level {
        INFO,
        WARN,
        ERROR
    }

    static ReportLine info(String text) {
        return new ReportLine(Level.INFO, text);
    }

    static ReportLine warn(String text) {
        return new ReportLine(Level.WARN, text);
    }

    static ReportLine error(String text) {
        return new ReportLine(Level.ERROR, text);
    }
}
