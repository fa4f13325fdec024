/**
 * Cache-hygiene advice: small rules with stable ids over one build, without Maven.
 *
 * <p>{@link io.github.dockercache.advice.Advisor#advise} runs every rule over the parsed Dockerfile and
 * its text, the build context as sent and the computed snapshot, drops what {@code # dockercache:ignore=}
 * comments or the disabled ids suppress, and returns {@link io.github.dockercache.advice.Finding}s in a
 * fixed order. Each rule is one class implementing {@code Rule}; {@code docs/rules.md} has one section per
 * rule id. Ids: {@code DC1xx} structure of the Dockerfile, {@code DC2xx} the build context, {@code DC3xx}
 * reproducibility, {@code DC4xx} secrets.
 */
package io.github.dockercache.advice;
