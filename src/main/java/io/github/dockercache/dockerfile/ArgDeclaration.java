package io.github.dockercache.dockerfile;

/** One name of an ARG instruction; {@code defaultValue} is null when the ARG has no {@code =}. */
public record ArgDeclaration(String name, String defaultValue) {}
