package io.github.dockercache.dockerfile;

/** The variables a word is expanded against. */
@FunctionalInterface
public interface VariableLookup {
    /** The value, or null when the variable is not set (an empty value is set). */
    String get(String name);
}
