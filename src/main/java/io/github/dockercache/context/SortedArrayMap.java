package io.github.dockercache.context;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.IntFunction;

/**
 * A read-only sorted map over an array of keys already in order, whose values are made when read: the
 * entries of a large context (or what a snapshot remembers of them) without an entry object per path.
 *
 * @param <V> the values, made from a key's index by {@code values}
 */
public final class SortedArrayMap<V> extends AbstractMap<String, V> implements SortedMap<String, V> {
    private final String[] keys;
    private final int from;
    private final int to;
    private final Comparator<String> order;
    private final IntFunction<V> values;
    /**
     * Where the last key looked up was found: lookups mostly come in key order (a snapshot's summaries are made path by
     * path), so the key after it is tried before a binary search, whose comparisons of long shared prefixes were a
     * tenth of a warm check. Only a guess, checked with {@code equals}: threads that race on it lose nothing but time.
     */
    private int lastFound = -1;

    /** The first {@code count} of {@code keys}, sorted by {@code order} without duplicates. */
    public SortedArrayMap(String[] keys, int count, Comparator<String> order, IntFunction<V> values) {
        this(keys, 0, count, order, values);
    }

    private SortedArrayMap(String[] keys, int from, int to, Comparator<String> order, IntFunction<V> values) {
        this.keys = keys;
        this.from = from;
        this.to = to;
        this.order = order;
        this.values = values;
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public V get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : values.apply(index);
    }

    private int indexOf(Object key) {
        if (!(key instanceof String path)) {
            return -1;
        }
        int next = lastFound + 1;
        int index = next >= from && next < to && keys[next].equals(path) ? next : lowerBound(path);
        if (index < to && keys[index].equals(path)) {
            lastFound = index;
            return index;
        }
        return -1;
    }

    private int lowerBound(String key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(keys[mid], key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new Indexes<>(i -> new SimpleImmutableEntry<>(keys[i], values.apply(i)));
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }

    /** The keys alone, without making a value per key. */
    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new Indexes<>(i -> keys[i]);
            }

            @Override
            public boolean contains(Object key) {
                return containsKey(key);
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }

    private final class Indexes<T> implements Iterator<T> {
        private final IntFunction<T> item;
        private int next = from;

        Indexes(IntFunction<T> item) {
            this.item = item;
        }

        @Override
        public boolean hasNext() {
            return next < to;
        }

        @Override
        public T next() {
            if (next >= to) {
                throw new NoSuchElementException();
            }
            return item.apply(next++);
        }
    }

    @Override
    public Comparator<? super String> comparator() {
        return order;
    }

    @Override
    public SortedMap<String, V> subMap(String fromKey, String toKey) {
        if (order.compare(fromKey, toKey) > 0) {
            throw new IllegalArgumentException("fromKey \"" + fromKey + "\" > toKey \"" + toKey + "\"");
        }
        return new SortedArrayMap<>(keys, lowerBound(fromKey), lowerBound(toKey), order, values);
    }

    @Override
    public SortedMap<String, V> headMap(String toKey) {
        return new SortedArrayMap<>(keys, from, lowerBound(toKey), order, values);
    }

    @Override
    public SortedMap<String, V> tailMap(String fromKey) {
        return new SortedArrayMap<>(keys, lowerBound(fromKey), to, order, values);
    }

    @Override
    public String firstKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[from];
    }

    @Override
    public String lastKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[to - 1];
    }
}
