package io.github.dockercache.advice;

import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.ImageDigests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in build context for a real Dockerfile kept without its project: the Dockerfile (and the project's
 * {@code .dockerignore}, where it was kept), every COPY/ADD source it names as a small file (a directory with one
 * file when the name has no extension), and, for a Dockerfile that copies a whole directory, the manifests of the
 * build tools its RUNs call, so that the rules see a project like the real one.
 */
final class AuditContext {
    private static final Pattern MISSING = Pattern.compile("COPY/ADD source \"([^\"]*)\" does not exist");
    /** Manifests a whole-directory copy brings, by the tool a RUN calls. */
    private static final Map<Pattern, String[]> SKELETONS = new LinkedHashMap<>();

    static {
        SKELETONS.put(Pattern.compile("\\bmvnw?\\b"), new String[] {"pom.xml", "src/main/java/App.java"});
        SKELETONS.put(
                Pattern.compile("\\bgradlew?\\b"),
                new String[] {"build.gradle", "settings.gradle", "src/main/java/App.java"});
        SKELETONS.put(
                Pattern.compile("\\b(npm|yarn|pnpm)\\b"),
                new String[] {"package.json", "package-lock.json", "src/index.js"});
        SKELETONS.put(Pattern.compile("\\bpip3?\\b"), new String[] {"requirements.txt", "app.py"});
        SKELETONS.put(Pattern.compile("\\buv\\b"), new String[] {"pyproject.toml", "uv.lock", "app/main.py"});
        SKELETONS.put(Pattern.compile("\\bgo (build|mod)\\b"), new String[] {"go.mod", "go.sum", "main.go"});
    }

    private AuditContext() {}

    /** Builds the context in {@code context} and analyses it; null when no stand-in makes it analysable. */
    static Analysis materialise(Path kept, Path context) throws IOException {
        Files.createDirectories(context);
        String text = Files.readString(kept.resolve("Dockerfile"));
        Files.writeString(context.resolve("Dockerfile"), text);
        if (Files.exists(kept.resolve(".dockerignore"))) {
            Files.copy(kept.resolve(".dockerignore"), context.resolve(".dockerignore"));
        }
        if (text.matches("(?s).*\\n\\s*(?i:copy|add)\\s+(--\\S+\\s+)*\\.?/?\\s+\\S+.*")) {
            SKELETONS.forEach((tool, files) -> {
                if (tool.matcher(text).find()) {
                    for (String file : files) {
                        write(context.resolve(file));
                    }
                }
            });
        }
        BuildSettings settings =
                new BuildSettings(context, context.resolve("Dockerfile"), Map.of(), null, ClientPlatform.LINUX, null);
        for (int attempt = 0; attempt < 64; attempt++) {
            try {
                return CacheModel.analyse(settings, null, ScanProgress.NONE, ImageDigests.NONE);
            } catch (AnalysisException e) {
                Matcher missing = MISSING.matcher(e.getMessage());
                if (!missing.find()) {
                    return null;
                }
                String source = ContextPaths.of(missing.group(1)).replaceAll("\\[[^]]*]|[*?]", "x");
                if (source.isEmpty()) {
                    return null;
                }
                Path path = context.resolve(source);
                write(path.getFileName().toString().contains(".") ? path : path.resolve("stand-in.txt"));
            }
        }
        return null;
    }

    private static void write(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "stand-in\n");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
