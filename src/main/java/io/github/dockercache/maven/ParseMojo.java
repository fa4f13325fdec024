package io.github.dockercache.maven;

import io.github.dockercache.dockerfile.DockerfileException;
import io.github.dockercache.dockerfile.DockerfileReader;
import io.github.dockercache.files.FileLimitException;
import io.github.dockercache.files.IoReasons;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Parses a Dockerfile and prints its parse tree in the format of BuildKit's parser test files
 * ({@code result}), so that anyone can compare the plugin's reading of a file with BuildKit's.
 */
@Mojo(name = "parse", requiresProject = false, threadSafe = true)
public class ParseMojo extends AbstractMojo {

    /** The Dockerfile to parse. */
    @Parameter(property = "dockercache.dockerfile", defaultValue = "${basedir}/Dockerfile")
    File dockerfile;

    /** Write the dump to this file instead of the log. */
    @Parameter(property = "dockercache.parseOutput")
    File output;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        String dump;
        try {
            String text = DockerfileReader.readText(dockerfile.toPath());
            dump = DockerfileReader.dump(text, dockerfile.getName());
        } catch (DockerfileException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (FileLimitException e) {
            throw new MojoFailureException(
                    "The Dockerfile " + dockerfile + " " + e.getMessage()
                            + " (docs/limits.md). Set -Ddockercache.dockerfile=FILE.",
                    e);
        } catch (IOException e) {
            throw new MojoFailureException(
                    "Cannot read the Dockerfile " + dockerfile + ": " + IoReasons.describe(e)
                            + ". Set -Ddockercache.dockerfile=FILE.",
                    e);
        }
        if (output == null) {
            dump.lines().forEach(getLog()::info);
            return;
        }
        try {
            Files.createDirectories(output.toPath().toAbsolutePath().getParent());
            Files.writeString(output.toPath(), dump, StandardCharsets.UTF_8);
            getLog().info("Wrote the parse tree of " + dockerfile + " to " + output);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + output + ": " + e.getMessage(), e);
        }
    }
}
