package io.github.dockercache.compare;

/** Why a step's key differs from the baseline. */
public enum CauseKind {
    /** A file's bytes changed. */
    FILE_CONTENT,
    /**
     * A file that differs only in the build time written into it: a jar or zip whose entries are unchanged but for
     * their timestamps, a generated properties file whose only changed lines are build-time stamps.
     */
    BUILD_TIMESTAMPS,
    /** Only the line endings changed (CRLF versus LF). */
    LINE_ENDINGS,
    /** Only permission or special bits changed. */
    FILE_MODE,
    /**
     * A file's or directory's mode differs only in the group/other write bits (mask 0022): what a different umask at
     * checkout leaves, as git does not record them. BuildKit hashes them, but a baseline from another machine cannot
     * tell whether this machine's builds saw them.
     */
    UMASK_MODE,
    /**
     * Only a directory's mode bits changed: a builder that already synced this context keeps its copy without
     * re-hashing it (cache-model §3.3), so only a fresh builder misses.
     */
    DIRECTORY_MODE,
    /** Only extended attributes changed: like {@link #DIRECTORY_MODE}, a warm builder does not notice. */
    XATTRS,
    /** A symlink points elsewhere. */
    SYMLINK_TARGET,
    /** An entry changed type (file became directory, link became file, ...). */
    FILE_TYPE,
    FILE_ADDED,
    FILE_REMOVED,
    /**
     * An entry the baseline step read is still in the context directory, but the ignore file now excludes it: an edit
     * of {@code .dockerignore}, not a removal.
     */
    FILE_EXCLUDED,
    /** A file moved: removed at one path, added with the same content at another. */
    FILE_RENAMED,
    /**
     * A layer directory that a RUN extracted from a jar (Spring Boot's jarmode) holds other files: the jar's entries
     * in that layer were added, removed or changed.
     */
    JAR_LAYER,
    /** A copied source's checksum changed, with no file-level difference to show. */
    SOURCE_CONTENT,
    /** A here-document's body changed. */
    HEREDOC,
    /**
     * A value derived from a secret may have changed, but cannot be compared: no secret key, another key than the
     * baseline's, or a baseline that holds it in another form (docs/secrets.md).
     */
    SECRET_NOT_COMPARED,
    /**
     * The baseline step was keyed by an earlier version that keyed this input otherwise: the keys cannot be compared
     * until the baseline is recorded again.
     */
    BASELINE_FORMAT,
    /** A build argument's value changed (through --build-arg or its ARG default). */
    BUILD_ARG,
    /** An ENV value changed. */
    ENV,
    WORKDIR,
    USER,
    /** The SHELL that runs shell-form RUN commands changed. */
    SHELL,
    /** The instruction itself was edited: command text, sources, destination or options. */
    INSTRUCTION,
    /** The FROM image reference or platform changed. */
    BASE_IMAGE,
    /** An image that a step copies from ({@code COPY --from}) or mounts ({@code RUN --mount=from=}) moved. */
    SOURCE_IMAGE,
    /** The stage a step copies from or builds on changed. */
    UPSTREAM_STAGE,
    /** The previous step of the chain is not cached, so this one cannot be. */
    UPSTREAM_STEP,
    /** No baseline step builds on the same parent: the step is new or moved. */
    NEW_STEP
}
