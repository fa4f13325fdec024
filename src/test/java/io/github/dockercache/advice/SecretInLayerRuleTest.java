package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockercache.model.Secrets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretInLayerRuleTest {
    @TempDir
    Path dir;

    @Test
    void pointsAtTheRunsASecretReachesAndTheEnvThatKeepsItInTheImage() throws Exception {
        Project project = new Project(dir)
                .dockerfile(
                        "FROM busybox:1.36 AS tools",
                        "ARG NPM_TOKEN",
                        "RUN npm ci",
                        "RUN npm run build",
                        "",
                        "FROM busybox:1.36",
                        "ARG DB_PASS",
                        "ARG SIGNING_PHRASE",
                        "ENV CONN=postgres://app:${DB_PASS}@db",
                        "COPY --from=tools /dist /dist",
                        "RUN ./migrate")
                .buildArg("DB_PASS", "hunter2")
                .buildArg("NPM_TOKEN", "1234")
                .buildArg("SIGNING_PHRASE", "open-sesame")
                .secrets(Secrets.of(List.of("SIGNING_PHRASE"), null));
        List<Finding> findings = project.findings(SecretInLayerRule.ID);
        assertEquals(
                List.of(
                        "Dockerfile:3 NPM_TOKEN",
                        "Dockerfile:9 ENV CONN",
                        "Dockerfile:11 DB_PASS",
                        "Dockerfile:11 SIGNING_PHRASE"),
                findings.stream()
                        .map(f -> f.location() + " "
                                + f.message().replaceFirst("^(?:the secret build arg )?((?:ENV )?\\w+).*", "$1"))
                        .toList());
        assertEquals(
                "Dockerfile:3: DC401 warning: the secret build arg NPM_TOKEN (--build-arg NPM_TOKEN, declared by"
                        + " ARG at line 2) is in the environment of the RUNs at lines 3, 4: the build cache keeps it with"
                        + " each RUN's layer, and its value keys those steps' cache\n"
                        + "  fix: declare no ARG for it; mount it as a secret in the RUN that uses it, and pass it"
                        + " with docker build --secret id=npm_token,env=NPM_TOKEN:\n"
                        + "    RUN --mount=type=secret,id=npm_token export NPM_TOKEN=\"$(cat /run/secrets/npm_token)\""
                        + " && <command>",
                findings.get(0).toString());
        assertEquals(
                "ENV CONN holds a secret or a value derived from one: it stays in the configuration of the image"
                        + " (docker inspect shows it), and every RUN after it keys its cache on it",
                findings.get(1).message());
        assertEquals(
                "the secret build arg DB_PASS (--build-arg DB_PASS, declared by ARG at line 7) is in the"
                        + " environment of the RUN at line 11: BuildKit writes the stage's build args, values included, into"
                        + " the image history of each RUN's layer (docker history --no-trunc shows them), and its value keys"
                        + " those steps' cache",
                findings.get(2).message());
    }

    @Test
    void leavesTheEnvLinesBuildKitsOwnCheckFlagsToIt() throws Exception {
        Project project = new Project(dir)
                .dockerfile("FROM busybox:1.36", "ENV API_TOKEN=abc", "ENV DB_PASS=abc", "CMD [\"app\"]");
        assertEquals(
                List.of("Dockerfile:3"),
                project.findings(SecretInLayerRule.ID).stream()
                        .map(Finding::location)
                        .toList());
    }

    @Test
    void aSecretMountReachesNoLayer() throws Exception {
        Project project = new Project(dir)
                .dockerfile("FROM busybox:1.36", "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci");
        assertEquals(List.of(), project.findings(SecretInLayerRule.ID));
    }
}
