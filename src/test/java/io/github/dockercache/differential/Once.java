package io.github.dockercache.differential;

/**
 * A play on an engine done at most once for the several tests that check it: each gets the same result, or the
 * same failure (also the skip or failure when there is no engine).
 */
final class Once<T> {
    /** What is done once. */
    interface Play<T> {
        T run() throws Throwable;
    }

    private final Play<T> play;
    private T result;
    private Throwable failure;
    private boolean done;

    Once(Play<T> play) {
        this.play = play;
    }

    synchronized T get() throws Throwable {
        if (!done) {
            done = true;
            try {
                result = play.run();
            } catch (Throwable e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }
}
