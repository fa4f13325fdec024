package io.github.dockercache.fuzz;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * One {@code @FuzzTest} method, named by {@code DOCKERCACHE_FUZZ_TARGET=fully.qualified.Class#method}, as a target
 * of Jazzer's standalone driver, for {@code scripts/fuzz-merge.sh}: libFuzzer's {@code -merge=1}, which
 * keeps only the inputs that add coverage, runs them in child processes, which the JUnit integration cannot start.
 */
public final class FuzzMergeTarget {
    private static Object test;
    private static Method method;

    private FuzzMergeTarget() {}

    public static void fuzzerInitialize() throws ReflectiveOperationException {
        String[] target = System.getenv("DOCKERCACHE_FUZZ_TARGET").split("#");
        Constructor<?> constructor = Class.forName(target[0]).getDeclaredConstructor();
        constructor.setAccessible(true); // fuzz tests are package-private, as JUnit allows
        test = constructor.newInstance();
        method = constructor.getDeclaringClass().getDeclaredMethod(target[1], byte[].class);
        method.setAccessible(true);
    }

    public static void fuzzerTestOneInput(byte[] input) throws Throwable {
        try {
            method.invoke(test, input);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
