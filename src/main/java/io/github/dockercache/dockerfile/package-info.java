/**
 * The Dockerfile front end: a Java port of the behaviour of BuildKit's Dockerfile frontend.
 *
 * <ul>
 *   <li>{@link io.github.dockercache.dockerfile.RawParser} reads the text as BuildKit's parser does
 *       (directives, comments, continuations, heredoc bodies) into {@link
 *       io.github.dockercache.dockerfile.RawInstruction}s; {@link
 *       io.github.dockercache.dockerfile.RawDockerfile#dump()} prints them like BuildKit's parser tests.
 *   <li>{@link io.github.dockercache.dockerfile.DockerfileReader} then checks every instruction with
 *       BuildKit's instruction-level rules and groups them into stages of typed instructions.
 *   <li>{@link io.github.dockercache.dockerfile.ShellLexer} expands variables in words where the
 *       frontend does.
 * </ul>
 *
 * <p>Where BuildKit relies on a Go library whose behaviour differs from Java's (what counts as a space,
 * regular-expression details, JSON strictness, byte-wise scanning), small helpers reproduce the Go
 * behaviour; the conformance tests run BuildKit's own test vectors.
 */
package io.github.dockercache.dockerfile;
