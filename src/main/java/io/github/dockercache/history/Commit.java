package io.github.dockercache.history;

/**
 * One commit of the range.
 *
 * @param id the full object id
 * @param shortId the id abbreviated as git would (7 characters at least, more where needed to be unique)
 * @param subject the first line of the message
 */
public record Commit(String id, String shortId, String subject) {}
