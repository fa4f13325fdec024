package io.github.dockercache.dockerfile;

import java.util.regex.Pattern;

/** The file names that are Dockerfiles: those BuildKit and the docker CLI give one, and those projects use beside them. */
public final class DockerfileNames {
    private static final Pattern NAME = Pattern.compile(
            "(?i)(?!.*\\.dockerignore$)(?:Dockerfile|Containerfile)(?:[.-][\\w.-]+)?|[\\w.-]+\\.(?:Dockerfile|Containerfile)");

    private DockerfileNames() {}

    /** True for {@code Dockerfile}, {@code Dockerfile.jvm}, {@code api.Dockerfile}, {@code Containerfile} and the like, never for an ignore file. */
    public static boolean matches(String fileName) {
        return NAME.matcher(fileName).matches();
    }
}
