package io.github.dockercache.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a RUN's shell text is cut into the commands whose programs DC103 looks at. */
class EnvironmentReadersTest {
    private static List<List<String>> commands(String text) {
        List<List<String>> commands = new ArrayList<>();
        EnvironmentReaders.split(text, commands);
        return commands;
    }

    @Test
    void separatorsQuotesAndSubstitutions() {
        assertEquals(
                List.of(
                        List.of("apt-get", "update"),
                        List.of("apt-get", "install", "-y", "curl"),
                        List.of("rm", "-rf", "x")),
                commands("apt-get update && apt-get install -y curl; rm -rf x"));
        // a quoted separator is part of the word; a substitution is a command of its own, its word keeps a $
        assertEquals(
                List.of(
                        List.of("curl", "-fsSL", "https://example.com/a.sha256"),
                        List.of("echo", "$  /opt/a.jar", ">/tmp/sha"),
                        List.of("sha256sum", "-c", "/tmp/sha")),
                commands(
                        "echo \"$(curl -fsSL https://example.com/a.sha256)  /opt/a.jar\" >/tmp/sha | sha256sum -c /tmp/sha"));
        // ${NAME} braces group nothing, and an escaped character is itself
        assertEquals(
                List.of(List.of("GOARCH=${TARGETARCH}", "go", "build", "a b")),
                commands("GOARCH=${TARGETARCH} go build a\\ b"));
        assertEquals(
                List.of(List.of("if"), List.of("[", "-f", "yarn.lock", "]"), List.of("then", "yarn"), List.of("fi")),
                commands("if\n[ -f yarn.lock ]; then yarn; fi"));
    }
}
