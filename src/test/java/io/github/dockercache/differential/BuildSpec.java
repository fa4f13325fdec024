package io.github.dockercache.differential;

import java.util.List;
import java.util.Map;

/**
 * The {@code docker build} options of one build of a scenario.
 *
 * @param buildArgs {@code --build-arg NAME=VALUE} pairs; null means none
 * @param target the {@code --target} stage, or null for the last stage
 * @param secrets {@code --secret id=ID,src=FILE} pairs, the file relative to the context; null means none
 * @param allow {@code --allow ENTITLEMENT} values ({@code network.host}); null means none
 * @param environment variables set for the docker client ({@code SOURCE_DATE_EPOCH}); null means none
 */
record BuildSpec(
        Map<String, String> buildArgs,
        String target,
        Map<String, String> secrets,
        List<String> allow,
        Map<String, String> environment) {
    static final BuildSpec DEFAULT = new BuildSpec(Map.of(), null, Map.of(), List.of(), Map.of());

    BuildSpec {
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        allow = allow == null ? List.of() : List.copyOf(allow);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }
}
