package io.github.dockercache.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Splits a fuzzer input into NUL-separated fields. NUL is the separator because it never matters to the
 * code under test (BuildKit treats it as an ordinary byte), so seeds stay readable and every field can
 * still hold newlines.
 */
public final class FuzzInput {
    /** The per-input limit of the documented fuzzing command ({@code -timeout=10}). */
    public static final Duration PER_INPUT_LIMIT = Duration.ofSeconds(10);

    private FuzzInput() {}

    /** A temporary file for a harness to write each input to, deleted when the JVM exits. */
    public static Path temporaryFile(String prefix, String suffix) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The seeds of a fuzz test whose names start with {@code prefix}, from Jazzer's
     * {@code <TestClass>Inputs/<method>/} folder on the test class path. Slow inputs are kept there as
     * {@code timeout-*}, Jazzer's name for them, so that a test can hold them to the time limit.
     */
    public static List<byte[]> seeds(Class<?> testClass, String method, String prefix) {
        URL folder = testClass.getResource(testClass.getSimpleName() + "Inputs/" + method);
        if (folder == null) {
            throw new IllegalStateException("no seed folder for " + testClass.getSimpleName() + "#" + method);
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            List<byte[]> seeds = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList()) {
                seeds.add(Files.readAllBytes(file));
            }
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes before the first NUL, and the rest after it (empty when there is no NUL). */
    public static byte[][] splitFirst(byte[] input) {
        int nul = indexOfNul(input, 0);
        if (nul < 0) {
            return new byte[][] {input, new byte[0]};
        }
        return new byte[][] {Arrays.copyOfRange(input, 0, nul), Arrays.copyOfRange(input, nul + 1, input.length)};
    }

    /** Every NUL-separated field, decoded as UTF-8 with malformed bytes replaced (as files are read). */
    public static List<String> fields(byte[] input) {
        return byteFields(input).stream()
                .map(field -> new String(field, StandardCharsets.UTF_8))
                .toList();
    }

    /** Every NUL-separated field, as bytes. */
    public static List<byte[]> byteFields(byte[] input) {
        List<byte[]> fields = new ArrayList<>();
        int start = 0;
        while (true) {
            int nul = indexOfNul(input, start);
            int end = nul < 0 ? input.length : nul;
            fields.add(Arrays.copyOfRange(input, start, end));
            if (nul < 0) {
                return fields;
            }
            start = nul + 1;
        }
    }

    private static int indexOfNul(byte[] input, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
