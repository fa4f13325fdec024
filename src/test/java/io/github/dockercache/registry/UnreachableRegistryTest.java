package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A registry that cannot answer never hangs the build: both waits are bounded and named. Only loopback servers
 * are used: one that accepts and never answers, and one whose connection queue is full, so that the kernel drops
 * new connection attempts as a black-holed address would.
 */
class UnreachableRegistryTest {
    /** The timeout plus generous room for a loaded machine: what matters is that the wait ends. */
    private static final Duration SLACK = Duration.ofSeconds(20);

    @Test
    void registryThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // kept open, never read, never answered
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            assertGivesUpAfter(silent.getLocalPort(), RegistryClient.REQUEST_TIMEOUT, "no answer within");
            silent.close();
            acceptor.join();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void registryThatNeverCompletesTheConnectionTimesOut() throws Exception {
        // backlog 1 and never accepted: once two connections wait in the queue, Linux drops further SYNs
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket first = new Socket(full.getInetAddress(), full.getLocalPort());
                Socket second = new Socket(full.getInetAddress(), full.getLocalPort())) {
            assertGivesUpAfter(full.getLocalPort(), ImageResolver.CONNECT_TIMEOUT, "no connection within");
        }
    }

    @Test
    void aRegistryNameTheHttpClientTakesForNoHostIsAnErrorWithoutARequest() {
        String reference = "127.0127.0.0.1:50/team/app:1";
        ImageResolutionException error =
                assertThrows(ImageResolutionException.class, () -> new ImageResolver().resolve(reference, null));
        assertEquals(
                "cannot resolve " + reference + ": 127.0127.0.0.1:50 is not a host name or address; fix the FROM"
                        + " line or the build argument it comes from",
                error.getMessage());
    }

    /** Resolving an image of the registry on {@code port} fails within the timeout, and says which wait ran out. */
    private static void assertGivesUpAfter(int port, Duration timeout, String wait) {
        String reference = "127.0.0.1:" + port + "/team/app:1";
        long start = System.nanoTime();
        ImageResolutionException error =
                assertThrows(ImageResolutionException.class, () -> new ImageResolver().resolve(reference, null));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(
                "cannot reach 127.0.0.1:" + port + " to resolve " + reference + ": " + wait + " " + timeout.toSeconds()
                        + " s; pin the digest in the Dockerfile, or turn tag resolution off",
                error.getMessage());
        assertTrue(waited.compareTo(timeout.plus(SLACK)) < 0, "waited " + waited);
    }
}
