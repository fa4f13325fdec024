package io.github.dockercache.dockerfile;

/** A {@code key=value} pair of ENV; the value keeps its quotes and escapes until it is expanded. */
public record KeyValue(String key, String value) {}
