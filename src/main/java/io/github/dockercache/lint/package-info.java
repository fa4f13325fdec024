/**
 * Linting Dockerfiles without a build context, without Maven: BuildKit's build checks and the cache-hygiene rules
 * that read only the Dockerfile, over files named by path, directory or glob.
 *
 * <p>{@link io.github.dockercache.lint.Linter#lint} finds the files ({@link io.github.dockercache.lint.LintTargets}),
 * parses each as BuildKit does and returns a {@link io.github.dockercache.lint.LintResult}: per file its findings,
 * located {@code file:line:column}, or the parse error that stops it; and, once, the rules it could not run here.
 * The report package words the result (console, SARIF, GitHub annotations, JUnit, GitLab code quality).
 */
package io.github.dockercache.lint;
