package io.github.dockercache.maven;

import io.github.dockercache.compare.FailOn;
import io.github.dockercache.compare.PathPatterns;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.BaselineHistory;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.Request;
import io.github.dockercache.workflow.WorkflowException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** The parameters every goal shares, and the mapping of a workflow outcome to Maven's log and failures. */
abstract class AbstractDockercacheMojo extends AbstractMojo {

    /** The build context directory, as given to {@code docker build}. */
    @Parameter(property = "dockercache.context", defaultValue = "${project.basedir}")
    File context;

    /** The Dockerfile; default {@code Dockerfile} in the context directory. */
    @Parameter(property = "dockercache.dockerfile")
    File dockerfile;

    /**
     * The baseline to compare with. Default: {@code .dockercache/baseline.json} in the project; when run
     * without a pom, {@code baseline.json} in the output directory, so nothing is written in the context.
     */
    @Parameter(property = "dockercache.baseline")
    File baseline;

    /** Build arguments, as {@code --build-arg} would give them. */
    @Parameter
    Map<String, String> buildArgs;

    /** Build arguments on the command line: {@code K=V,K2=V2}; they override {@code buildArgs}. */
    @Parameter(property = "dockercache.buildArgs")
    String buildArgList;

    /** The stage to build, as {@code --target}; default the last stage. */
    @Parameter(property = "dockercache.target")
    String target;

    /** Also write the JSON report to this file. */
    @Parameter(property = "dockercache.report")
    File report;

    /**
     * Where the snapshot and report go. Default {@code target/dockercache}; when run without a pom, a
     * directory under the user's temporary directory, one per context.
     */
    @Parameter(property = "dockercache.outputDirectory")
    File outputDirectory;

    /** The client that sends the context: {@code linux}, {@code macos} or {@code windows}; default this machine. */
    @Parameter(property = "dockercache.platform")
    String platform;

    /** The build's {@code --network} value, which BuildKit puts into every RUN key; default none given. */
    @Parameter(property = "dockercache.network")
    String network;

    /** Dependency manifests: a change to one that a step copies is expected, not a failure. */
    @Parameter
    List<String> manifests;

    /** Extra stable steps: step ids such as {@code build:3}, or text the instruction contains. */
    @Parameter
    List<String> stableSteps;

    /** Skip the goal. */
    @Parameter(property = "dockercache.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping dockercache (dockercache.skip=true).");
            return;
        }
        Outcome outcome;
        try {
            outcome = run(request());
        } catch (WorkflowException e) {
            if (e.isUserError()) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            throw new MojoExecutionException(e.getMessage(), e);
        }
        for (ReportLine line : outcome.lines()) {
            switch (line.level()) {
                case ERROR -> getLog().error(line.text());
                case WARN -> getLog().warn(line.text());
                default -> getLog().info(line.text());
            }
        }
        if (outcome.failed()) {
            throw new MojoFailureException(outcome.failure());
        }
    }

    abstract Outcome run(Request request) throws WorkflowException;

    /** When check fails; only check has the parameter. */
    FailOn failOn() throws MojoFailureException {
        return FailOn.NEVER;
    }

    private Request request() throws MojoFailureException {
        Path contextDir = context.toPath().toAbsolutePath().normalize();
        if (!contextDir.toFile().isDirectory()) {
            throw new MojoFailureException("The build context " + contextDir + " is not a directory. Set <context> or"
                    + " -Ddockercache.context=DIR.");
        }
        Path dockerfilePath = dockerfile != null ? dockerfile.toPath().toAbsolutePath() : contextDir.resolve("Dockerfile");
        if (!dockerfilePath.toFile().isFile()) {
            throw new MojoFailureException("No Dockerfile at " + dockerfilePath + ". Set <dockerfile> or"
                    + " -Ddockercache.dockerfile=FILE.");
        }
        Path output = outputDirectory != null ? outputDirectory.toPath() : defaultOutputDirectory(contextDir);
        Path baselinePath = baseline != null ? baseline.toPath()
                : hasPom() ? project.getBasedir().toPath().resolve(".dockercache/baseline.json")
                : output.resolve("baseline.json");
        BuildSettings settings = new BuildSettings(contextDir, dockerfilePath, buildArguments(), blankToNull(target),
                clientPlatform(), blankToNull(network));
        StabilityPolicy policy = new StabilityPolicy(
                new PathPatterns(manifests == null || manifests.isEmpty() ? StabilityPolicy.DEFAULT_MANIFESTS : manifests),
                stableSteps == null ? List.of() : stableSteps);
        return new Request(settings, baselinePath, output, report == null ? null : report.toPath(), failOn(), policy,
                force(), historySize(), fresh());
    }

    /** Only baseline replaces unreadable files, keeps a history and can start afresh. */
    boolean force() {
        return false;
    }

    int historySize() {
        return BaselineHistory.DEFAULT_SIZE;
    }

    boolean fresh() {
        return false;
    }

    private boolean hasPom() {
        return project != null && project.getFile() != null;
    }

    private Path defaultOutputDirectory(Path contextDir) {
        if (hasPom()) {
            return Path.of(project.getBuild().getDirectory(), "dockercache");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "dockercache", shortHash(contextDir.toString()));
    }

    private Map<String, String> buildArguments() throws MojoFailureException {
        Map<String, String> values = new LinkedHashMap<>();
        if (buildArgs != null) {
            buildArgs.forEach((k, v) -> values.put(k, v == null ? "" : v));
        }
        if (buildArgList != null && !buildArgList.isBlank()) {
            for (String pair : buildArgList.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new MojoFailureException("dockercache.buildArgs: '" + pair + "' is not KEY=VALUE"
                            + " (expected K=V,K2=V2).");
                }
                values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
            }
        }
        return values;
    }

    private ClientPlatform clientPlatform() throws MojoFailureException {
        if (platform == null || platform.isBlank()) {
            return ClientPlatform.current();
        }
        try {
            return ClientPlatform.valueOf(platform.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("dockercache.platform: '" + platform + "' is not one of linux, macos, windows.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
