package io.github.dockercache.differential;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plays the differential scenarios on every engine at once, ahead of the tests that check them: the engines are
 * separate daemons and a play mostly waits on one, so CI's differential suite takes about the time of the slowest
 * engine rather than the sum.
 *
 * <p>Each engine has one worker thread that plays its share in the tests' order (the engine's own lock keeps other
 * JVMs out). A scenario is played by one engine at a time: its served files, pushed tags and git repositories are
 * shared by every engine ({@link ScenarioRun#play}). A worker never gets more than {@link #LOOKAHEAD} plays ahead
 * of the slowest other worker, so that results waiting for their tests stay few; this bound does not depend on the
 * tests, so a test that is filtered out cannot stall a worker.
 */
final class EnginesInParallel {
    private static final int LOOKAHEAD = 2;

    private final Map<String, ExecutorService> workers = new HashMap<>();
    private final Map<String, Integer> scheduled = new HashMap<>();
    private final Map<String, Integer> started = new HashMap<>();

    EnginesInParallel(List<String> engines) {
        for (String engine : engines) {
            workers.put(engine, Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "differential-engine-" + engine);
                thread.setDaemon(true);
                return thread;
            }));
            scheduled.put(engine, 0);
            started.put(engine, 0);
        }
    }

    /**
     * Queues a play on its engine's worker; the tests that check it share the result through the returned
     * {@link Once}, which waits for it (and rethrows its failure, skip included, on the test's thread).
     */
    synchronized Once<ScenarioRun> schedule(String engine, Once.Play<ScenarioRun> play) {
        int position = scheduled.merge(engine, 1, Integer::sum);
        CompletableFuture<ScenarioRun> result = new CompletableFuture<>();
        workers.get(engine).execute(() -> {
            try {
                awaitTurn(engine, position);
                result.complete(play.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return new Once<>(() -> {
            try {
                return result.join();
            } catch (CompletionException e) {
                throw e.getCause();
            }
        });
    }

    private synchronized void awaitTurn(String engine, int position) throws InterruptedException {
        while (started.entrySet().stream()
                .anyMatch(other -> !other.getKey().equals(engine)
                        && other.getValue() < scheduled.get(other.getKey())
                        && other.getValue() < position - LOOKAHEAD)) {
            wait();
        }
        started.put(engine, position);
        notifyAll();
    }
}
