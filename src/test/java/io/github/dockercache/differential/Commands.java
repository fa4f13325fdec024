package io.github.dockercache.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Runs the system tools a scenario needs where Java has no API: mkfifo, mknod, setfacl, cp -a. */
final class Commands {
    private Commands() {}

    /** Runs {@code command} to its end; fails with its output when it exits non-zero. */
    static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
