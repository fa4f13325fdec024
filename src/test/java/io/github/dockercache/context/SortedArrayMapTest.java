package io.github.dockercache.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SortedArrayMapTest {
    private static final String[] KEYS = {"a", "a/b", "a/c", "a.txt", "b"};

    private static SortedMap<String, Integer> map() {
        return new SortedArrayMap<>(KEYS, KEYS.length, KeyOrder.PATHS, i -> i * 10);
    }

    private static SortedMap<String, Integer> tree() {
        SortedMap<String, Integer> tree = new TreeMap<>(KeyOrder.PATHS);
        for (int i = 0; i < KEYS.length; i++) {
            tree.put(KEYS[i], i * 10);
        }
        return tree;
    }

    @Test
    void behavesAsTheSortedMapOfItsKeys() {
        assertEquals(tree(), map());
        assertEquals(map(), tree());
        assertEquals(tree().hashCode(), map().hashCode());
        assertEquals(List.copyOf(tree().keySet()), List.copyOf(map().keySet()));
        assertEquals(20, map().get("a/c"));
        assertNull(map().get("a/"));
        assertNull(map().get(42));
        assertFalse(map().containsKey("c"));
        assertEquals("a", map().firstKey());
        assertEquals("b", map().lastKey());
    }

    @Test
    void viewsAreRangesOfTheKeys() {
        assertEquals(tree().subMap("a/", "a.txt"), map().subMap("a/", "a.txt"));
        assertEquals(tree().headMap("a/c"), map().headMap("a/c"));
        assertEquals(tree().tailMap("a.txt"), map().tailMap("a.txt"));
        assertThrows(IllegalArgumentException.class, () -> map().subMap("b", "a"));
        assertThrows(NoSuchElementException.class, () -> map().tailMap("c").firstKey());
    }
}
