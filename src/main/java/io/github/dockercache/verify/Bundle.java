package io.github.dockercache.verify;

import com.google.gson.GsonBuilder;
import io.github.dockercache.files.TempFiles;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.FileInfo;
import io.github.dockercache.model.Snapshot;
import io.github.dockercache.store.SnapshotStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What a bug report about a disagreement needs, in one zip a user can attach: the Dockerfile and
 * {@code .dockerignore}, the context manifest (every entry a step reads, with its type, mode, size and digests, never
 * its content), both snapshots (keys and the inputs they were computed from), {@code verify.json}, and the settings
 * (BuildKit release, builder, platform). Secret build args appear only as the digests the snapshots hold; the log
 * itself is left out, as a RUN may print anything.
 */
public final class Bundle {
    /** The bundle's name in the output directory. */
    public static final String FILE = "verify-bundle.zip";

    private Bundle() {}

    /** Writes the bundle atomically into {@code directory}; returns its path. */
    public static Path write(
            Path directory, BuildSettings build, Snapshot current, Snapshot baseline, String verifyJson)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("README.txt", readme(build).getBytes(StandardCharsets.UTF_8));
        entries.put("Dockerfile", Files.readAllBytes(build.dockerfile()));
        Path ignore = build.contextDir().resolve(".dockerignore");
        if (Files.isRegularFile(ignore)) {
            entries.put(".dockerignore", Files.readAllBytes(ignore));
        }
        entries.put("context.json", utf8(contextManifest(current)));
        entries.put("snapshot.json", utf8(SnapshotStore.toJson(current)));
        entries.put("baseline.json", utf8(SnapshotStore.toJson(baseline)));
        entries.put("verify.json", utf8(verifyJson));
        entries.put("settings.json", utf8(settings(build)));

        Path target = directory.resolve(FILE);
        TempFiles.Temp temporary = TempFiles.create(directory, "." + FILE + ".");
        try {
            try (OutputStream out = Channels.newOutputStream(temporary.channel());
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    ZipEntry zipEntry = new ZipEntry(entry.getKey());
                    zipEntry.setTime(0); // the same inputs give the same bytes
                    zip.putNextEntry(zipEntry);
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            TempFiles.moveOver(temporary.path(), target);
        } finally {
            Files.deleteIfExists(temporary.path());
        }
        return target;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every context entry a step reads: paths, modes and digests, no content. */
    static String contextManifest(Snapshot current) {
        Map<String, Map<String, Object>> manifest = new LinkedHashMap<>();
        current.files().forEach((path, info) -> manifest.put(path, entry(info)));
        return json(manifest);
    }

    private static Map<String, Object> entry(FileInfo info) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", info.type());
        entry.put("mode", info.mode());
        if ("file".equals(info.type())) {
            entry.put("size", info.size());
            entry.put("content", info.content());
        }
        if (info.target() != null) {
            entry.put("target", info.target());
        }
        entry.put("digest", info.digest());
        return entry;
    }

    private static String settings(BuildSettings build) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("buildkitVersion", build.buildkitVersion().toString());
        settings.put("builder", build.builder().settingName());
        settings.put("platform", build.platform().name().toLowerCase(java.util.Locale.ROOT));
        settings.put("network", build.network());
        settings.put("target", build.target());
        settings.put("plugin", Bundle.class.getPackage().getImplementationVersion());
        settings.put("java", System.getProperty("java.version"));
        settings.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return json(settings);
    }

    private static String json(Object value) {
        return new GsonBuilder()
                        .setPrettyPrinting()
                        .disableHtmlEscaping()
                        .serializeNulls()
                        .create()
                        .toJson(value) + "\n";
    }

    private static String readme(BuildSettings build) {
        return """
                dockercache verify bundle
                =========================

                The plugin's prediction and a real build disagreed. Attach this file to a bug report at
                https://github.com/dockercache/dockercache-maven-plugin/issues with the Docker and BuildKit versions
                of the engine (docker version; docker buildx inspect).

                Predicted for BuildKit %s (%s builder). The files:
                  Dockerfile, .dockerignore   as read
                  context.json                every context entry a step reads: type, mode, size, digests (no content)
                  snapshot.json               the current keys and the inputs they were computed from
                  baseline.json               the baseline the prediction compared with
                  verify.json                 every step: the plugin's verdict, the engine's, the keys
                  settings.json               the plugin's settings and versions
                Secret build args appear only as keyed digests; the build log is not included.
                """.formatted(build.buildkitVersion(), build.builder().settingName());
    }
}
