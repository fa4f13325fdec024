package io.github.dockercache.cost;

/** A build log cannot give step costs: unreadable, cut, garbled, or a file that holds no step times. */
public final class CostLogException extends Exception {
    CostLogException(String message) {
        super(message);
    }

    CostLogException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error at one line of a log, as {@code file:line: what}. */
    static CostLogException at(String source, int line, String what) {
        return new CostLogException(source + ":" + line + ": " + what);
    }
}
