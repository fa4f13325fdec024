package io.github.dockercache.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stand-ins of the real projects' base images, built on each engine under the real names (the engines have no
 * internet): busybox with the toolbox of {@code projects/stand-ins/} and a file naming the image, so that no two
 * share their layers, as two real images do not. Each carries a label that digests everything it is built from; an
 * image whose label differs (the toolbox changed, busybox was imported again) is built again.
 *
 * <p>busybox's shell runs its own applets before any file on the PATH, so a RUN's {@code wget} would be busybox's,
 * which needs a network. The stand-ins get the host's busybox (the one {@code scripts/engine.sh} imports) with the
 * applets the toolbox plays renamed, which keeps the sorted applet table in order.
 */
final class StandIns {
    private static final String LABEL = "io.github.dockercache.stand-in";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    /** busybox applets the toolbox plays, and the names they get: the same length, the same place in sorted order. */
    private static final Map<String, String> RENAMED_APPLETS = Map.of("wget", "wgeX", "sha256sum", "sha256suX");
    /** Per engine, the names already checked in this JVM. */
    private static final Map<String, Set<String>> READY = new HashMap<>();

    private StandIns() {}

    /** Builds every image of {@code images} that the engine lacks or has from other inputs; call under its lock. */
    static synchronized void ensure(Engine engine, Map<String, Project.StandIn> images) throws IOException {
        Set<String> ready = READY.computeIfAbsent(engine.name(), name -> new HashSet<>());
        if (ready.containsAll(images.keySet())) {
            return;
        }
        Path context = Files.createTempDirectory("dockercache-stand-in");
        try {
            Path template = Project.root().resolve("stand-ins");
            Files.copy(template.resolve("Dockerfile"), context.resolve("Dockerfile"));
            Files.copy(template.resolve("toolbox"), context.resolve("toolbox"));
            Files.write(context.resolve("busybox"), busyboxWithoutPlayedApplets());
            String base = engine.inspectImage(LintDifferentialTest.BUSYBOX, "{{.Id}}");
            for (Map.Entry<String, Project.StandIn> image : images.entrySet()) {
                if (ready.contains(image.getKey())) {
                    continue;
                }
                String users = String.join(" ", image.getValue().users());
                String digest = digest(context, base, image.getKey(), users);
                if (!digest.equals(engine.imageLabel(image.getKey(), LABEL))) {
                    engine.buildImage(
                            context,
                            Map.of("IMAGE", image.getKey(), "USERS", users, "STAND_IN", digest),
                            image.getKey());
                }
                ready.add(image.getKey());
            }
        } finally {
            FileTrees.delete(context);
        }
    }

    private static byte[] busyboxWithoutPlayedApplets() throws IOException {
        if (!Files.isRegularFile(BUSYBOX)) {
            throw new IOException(
                    "no " + BUSYBOX + ": the stand-ins need busybox-static, which scripts/engine.sh installs");
        }
        byte[] binary = Files.readAllBytes(BUSYBOX);
        String text = new String(binary, StandardCharsets.ISO_8859_1); // one char per byte: indexes are offsets
        for (Map.Entry<String, String> applet : RENAMED_APPLETS.entrySet()) {
            String entry = "\0" + applet.getKey() + "\0";
            int at = text.indexOf(entry);
            if (at < 0 || text.indexOf(entry, at + 1) >= 0) {
                throw new IOException(BUSYBOX + " has no single applet table entry for " + applet.getKey());
            }
            byte[] renamed = applet.getValue().getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(renamed, 0, binary, at + 1, renamed.length);
        }
        return binary;
    }

    private static String digest(Path context, String... parts) throws IOException {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String file : List.of("Dockerfile", "toolbox", "busybox")) {
                sha256.update(Files.readAllBytes(context.resolve(file)));
            }
            for (String part : parts) {
                sha256.update((part + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
