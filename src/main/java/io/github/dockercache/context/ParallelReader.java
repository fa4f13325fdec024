package io.github.dockercache.context;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads and hashes the walked entries on a few threads. Memory stays bounded: each thread streams one
 * file at a time through a fixed buffer; only the resulting entries are kept.
 */
final class ParallelReader {
    /** Hashing is I/O and CPU bound alike; more threads than cores rarely help. */
    private static final int THREADS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));

    private ParallelReader() {}

    /** One walked entry to read. */
    record Item(String path, DirectoryWalk.Walked walked) {}

    static SortedMap<String, FileEntry> readAll(List<Item> items, EntryReader reader) throws ContextException {
        SortedMap<String, FileEntry> entries = ContextTree.newEntryMap();
        if (items.size() < 2 || THREADS == 1) {
            for (Item item : items) {
                entries.put(item.path(), reader.read(item.path(), item.walked().file(), item.walked().stat()));
            }
            return entries;
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "dockercache-context-hash");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<FileEntry>> results = new ArrayList<>(items.size());
            for (Item item : items) {
                results.add(pool.submit(() -> reader.read(item.path(), item.walked().file(), item.walked().stat())));
            }
            for (Future<FileEntry> result : results) {
                FileEntry entry = result.get();
                entries.put(entry.path(), entry);
            }
            return entries;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ContextException contextException) {
                throw contextException;
            }
            throw new IllegalStateException("unexpected failure while hashing the build context", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContextException("interrupted while hashing the build context", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
