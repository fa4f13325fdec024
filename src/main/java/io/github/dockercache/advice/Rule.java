package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;

/** One cache-hygiene check. Implementations are stateless and return findings in a deterministic order. */
interface Rule {
    /** The stable id, {@code DC1xx} for structure, {@code DC2xx} for the context, {@code DC3xx} for reproducibility, {@code DC4xx} for secrets. */
    String id();

    List<Finding> check(AdviceInput input);

    /** A rule that looks at each stage of the Dockerfile on its own. */
    interface OfStage extends Rule {
        void check(AdviceInput input, Stage stage, List<Finding> findings);

        @Override
        default List<Finding> check(AdviceInput input) {
            List<Finding> findings = new ArrayList<>();
            input.dockerfile().stages().forEach(stage -> check(input, stage, findings));
            return findings;
        }
    }
}
