package io.github.dockercache.advice;

import java.util.List;

/** One cache-hygiene check. Implementations are stateless and return findings in a deterministic order. */
interface Rule {
    /** The stable id, {@code DC1xx} for structure, {@code DC2xx} for the context, {@code DC3xx} for reproducibility, {@code DC4xx} for secrets. */
    String id();

    List<Finding> check(AdviceInput input);
}
