package io.github.dockercache.model;

/** The keys and inputs of every step of one build. */
public final class Snapshot {}
