package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** BuildKit's parser corpus: every {@code testfiles/} case dumps to its {@code result}; every negative case fails. */
class ParserTestfilesTest {
    private static final Path PARSER = SharedVectors.conformance("dockerfile-parser");

    @TestFactory
    Stream<DynamicTest> casesDumpExactlyAsUpstream() throws IOException {
        return caseFolders("testfiles").stream()
                .map(dir -> dynamicTest(dir.getFileName().toString(), () -> {
                    String expected = SharedVectors.text(dir.resolve("result"));
                    String actual = DockerfileReader.dump(SharedVectors.text(dir.resolve("Dockerfile")), "Dockerfile");
                    assertEquals(expected, actual);
                }));
    }

    @TestFactory
    Stream<DynamicTest> negativeCasesAreRejected() throws IOException {
        return caseFolders("testfiles-negative").stream()
                .map(dir -> dynamicTest(
                        dir.getFileName().toString(),
                        () -> assertThrows(
                                DockerfileException.class,
                                () -> RawParser.parse(SharedVectors.text(dir.resolve("Dockerfile")), "Dockerfile"))));
    }

    private static List<Path> caseFolders(String folder) throws IOException {
        try (Stream<Path> dirs = Files.list(PARSER.resolve(folder))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
