package io.github.dockercache.report;

import io.github.dockercache.compare.Comparison;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.BuildContext;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ContextException;
import io.github.dockercache.model.AnalysisException;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.CacheModel;
import io.github.dockercache.model.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * A realistic multi-stage Java build on disk: a dependency stage, a build stage FROM it, and a runtime
 * stage that copies the jar from the build stage. Tests snapshot it, change it as a developer would,
 * and snapshot it again.
 */
final class JavaProject {
    static final String DOCKERFILE = String.join(
            "\n",
            "# syntax=docker/dockerfile:1",
            "FROM maven:3.9.9-eclipse-temurin-17 AS deps",
            "WORKDIR /workspace",
            "COPY pom.xml .",
            "RUN mvn -B dependency:go-offline",
            "",
            "FROM deps AS build",
            "COPY src ./src",
            "RUN mvn -B -o package -DskipTests",
            "",
            "FROM eclipse-temurin:17-jre AS runtime",
            "ARG APP_VERSION=dev",
            "RUN useradd --system --home /app app",
            "COPY --from=build /workspace/target/app.jar /app/app.jar",
            "COPY src/main/docker/entrypoint.sh /entrypoint.sh",
            "RUN echo \"$APP_VERSION\" > /app/VERSION",
            "USER app",
            "ENTRYPOINT [\"/entrypoint.sh\"]",
            "");

    /** A file whose name is markup; a browser must show it, not build it. */
    static final String HOSTILE_PATH = "src/<script>alert(1)</<img src=x onerror=alert(2)>.sh";

    /**
     * Paths (under src/) a context may hold that a report must show as text: markup, Markdown links and an
     * autolink, table and code syntax, a terminal escape, line breaks, a C1 control (U+009B, which a terminal reads
     * as an escape sequence), and a right-to-left override that would show "exe.txt" as "txt.exe".
     */
    static final List<String> HOSTILE_FILE_NAMES = List.of(
            "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">.txt",
            "[click](http:/evil).txt",
            "[link](https:evil.example) ![img](x).txt",
            "www.evil.example.txt",
            "a|b | c.txt",
            "`tick` ``two``.txt",
            "*star* _under_ ~strike~ $math$ #hash &amp; \\back.txt",
            "\u001b[31mred\u001b[0m.txt",
            "carriage\rreturn.txt",
            "new\nline.txt",
            "c1\u009bcontrol\u0085next.txt",
            "bidi\u202etxt.exe");

    /** The instruction text and build argument a hostile Dockerfile shows in every report. */
    static final String HOSTILE_RUN =
            "RUN echo \"<script>document.title='pwned'</script> | [x](http://evil) `tick`" + " \u001b[31m $NOTE\"";

    private final Path dir;

    /**
     * A day's work against the committed baseline: a source edit and an entrypoint made executable,
     * both copied by the build stage, and a release version passed as a build argument, which the
     * runtime stage declares above a RUN that does not use it.
     */
    static Comparison everydayChanges(Path dir) throws IOException, AnalysisException {
        JavaProject project = new JavaProject(dir);
        Snapshot baseline = project.snapshot();
        project.write(
                        "src/main/java/app/App.java",
                        "package app;\n\nclass App {\n    String greeting() { return \"hi\"; }\n}\n")
                .chmod("src/main/docker/entrypoint.sh", "rwxr-xr-x");
        return Comparison.compare(project.snapshot(Map.of("APP_VERSION", "1.4.2")), baseline);
    }

    /**
     * A file the build stage copied, now excluded by a line added to {@code .dockerignore} (line 3), compared with the
     * context it left.
     */
    static Comparison nowExcluded(Path dir) throws IOException, AnalysisException, ContextException {
        JavaProject project = new JavaProject(dir).write("src/main/resources/notes.md", "notes");
        Snapshot baseline = project.snapshot();
        project.write(".dockerignore", "target/\n.git/\n**/*.md\n");
        BuildContext context = BuildContext.scan(dir, dir.resolve("Dockerfile"), ClientPlatform.LINUX);
        return Comparison.compareWithContext(project.snapshot(), baseline, StabilityPolicy.defaults(), context);
    }

    /** Markup in a path, in an instruction and in a build argument's value, all of which the report shows. */
    static Comparison hostileNames(Path dir) throws IOException, AnalysisException {
        JavaProject project = new JavaProject(dir)
                .write(
                        "Dockerfile",
                        String.join(
                                "\n",
                                "FROM alpine:3.20",
                                "ARG NOTE",
                                "COPY src /src",
                                "RUN echo \"</pre><script>alert('$NOTE')</script>\" && echo '&amp;' && echo \"\\\"\" > /x",
                                ""))
                .write(HOSTILE_PATH, "one");
        Snapshot before = project.snapshot(Map.of("NOTE", "a"));
        project.write(HOSTILE_PATH, "two");
        return Comparison.compare(project.snapshot(Map.of("NOTE", "\"><script>alert(3)</script>&")), before);
    }

    /**
     * Every hostile file name changed (stage {@code names}), an instruction with markup and terminal escapes edited and
     * a build argument with markup changed (stage {@code script}): each the first miss of its chain, so that every
     * report shows them all.
     */
    static Comparison hostileFileNames(Path dir) throws IOException, AnalysisException {
        JavaProject project = new JavaProject(dir).write("Dockerfile", hostileDockerfile(HOSTILE_RUN));
        for (String name : HOSTILE_FILE_NAMES) {
            project.write("src/" + name, "one");
        }
        Snapshot before = project.snapshot(Map.of("NOTE", "a"));
        for (String name : HOSTILE_FILE_NAMES) {
            project.write("src/" + name, "two, longer");
        }
        project.write("Dockerfile", hostileDockerfile(HOSTILE_RUN + " \u001b]0;title\u0007"));
        return Comparison.compare(
                project.snapshot(Map.of("NOTE", "\"><script>document.title='pwned'</script>\u009b")), before);
    }

    private static String hostileDockerfile(String run) {
        return String.join(
                "\n",
                "FROM alpine:3.20 AS names",
                "COPY src /src",
                "",
                "FROM alpine:3.20 AS script",
                "ARG NOTE",
                run,
                "COPY --from=names /src /src",
                "");
    }

    JavaProject(Path dir) throws IOException {
        this.dir = dir;
        write("Dockerfile", DOCKERFILE);
        write(".dockerignore", "target/\n.git/\n");
        write("pom.xml", "<project><artifactId>app</artifactId></project>\n");
        write("src/main/java/app/App.java", "package app;\n\nclass App {}\n");
        write("src/main/docker/entrypoint.sh", "#!/bin/sh\nexec java -jar /app/app.jar \"$@\"\n");
    }

    JavaProject write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return chmod(path, "rw-r--r--");
    }

    JavaProject chmod(String path, String permissions) throws IOException {
        Files.setPosixFilePermissions(dir.resolve(path), PosixFilePermissions.fromString(permissions));
        return this;
    }

    Snapshot snapshot(Map<String, String> buildArgs) throws AnalysisException {
        return CacheModel.snapshot(
                new BuildSettings(dir, dir.resolve("Dockerfile"), buildArgs, null, ClientPlatform.LINUX, "none"));
    }

    Snapshot snapshot() throws AnalysisException {
        return snapshot(Map.of());
    }
}
