package io.github.dockercache.files;

/** Why a JSON file or answer is unusable, in Gson's words but on one line. */
public final class JsonReasons {
    private JsonReasons() {}

    /**
     * Gson's reason: it gives it on the innermost cause, after the cause's class name, with a link to its
     * troubleshooting page on a second line; this is the innermost message's first line (empty if none has one).
     */
    public static String firstLine(Throwable e) {
        Throwable innermost = innermost(e);
        return innermost.getMessage() == null
                ? ""
                : innermost.getMessage().lines().findFirst().orElse("");
    }

    /** The innermost cause that has a message, or {@code e}. */
    public static Throwable innermost(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause().getMessage() != null) {
            innermost = innermost.getCause();
        }
        return innermost;
    }
}
