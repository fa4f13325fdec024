package io.github.dockercache.maven;

import io.github.dockercache.compare.PathPatterns;
import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.discovery.DiscoveredImage;
import io.github.dockercache.discovery.Discovery;
import io.github.dockercache.discovery.DiscoveryException;
import io.github.dockercache.discovery.FoundImages;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.report.ReportLine;
import io.github.dockercache.store.UnusableDirectoryException;
import io.github.dockercache.store.UserDirectory;
import io.github.dockercache.workflow.BaselineSource;
import io.github.dockercache.workflow.BuildOutputs;
import io.github.dockercache.workflow.DisplayPaths;
import io.github.dockercache.workflow.ImageRequest;
import io.github.dockercache.workflow.Invocation;
import io.github.dockercache.workflow.OnMissingBaseline;
import io.github.dockercache.workflow.Outcome;
import io.github.dockercache.workflow.RollUp;
import io.github.dockercache.workflow.StatCacheShare;
import io.github.dockercache.workflow.WorkflowException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.execution.BuildFailure;
import org.apache.maven.execution.BuildSuccess;
import org.apache.maven.execution.BuildSummary;
import org.apache.maven.execution.MavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.DependencyResolutionException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.shared.utils.logging.MessageBuilder;
import org.apache.maven.shared.utils.logging.MessageUtils;
import org.eclipse.aether.RepositorySystem;

/**
 * The parameters every goal shares, and the mapping of configuration to workflow requests and of outcomes to
 * Maven's log and failures. Each image is checked on its own; failures are reported together.
 *
 * @param <R> the goal's request: each goal takes from an image's resolved settings only what it needs
 */
abstract class AbstractDockercacheMojo<R> extends AbstractMojo {
    /** The classifier of the snapshot attached to the build; images add {@code -<name>}. */
    static final String CLASSIFIER = "dockercache";

    private static final String QUARKUS_JVM_DOCKERFILE = "src/main/docker/Dockerfile.jvm";

    /** The build context directory, as given to {@code docker build}. */
    @Parameter(property = "dockercache.context", defaultValue = "${project.basedir}")
    File context;

    /**
     * The Dockerfile; default {@code Dockerfile} in the context directory, else {@code src/main/docker/Dockerfile.jvm}
     * there when only that exists (Quarkus's layout).
     */
    @Parameter(property = "dockercache.dockerfile")
    File dockerfile;

    /**
     * The baseline file. Default: {@code .dockercache/baseline.json} in the project; when run without a pom,
     * {@code baseline.json} in the output directory, so nothing is written in the context.
     */
    @Parameter(property = "dockercache.baseline")
    File baseline;

    /**
     * Compare with a snapshot published by an earlier build instead of the baseline file:
     * {@code groupId:artifactId:version} (version may be {@code LATEST} or {@code RELEASE}), resolved from the
     * project's repositories with the snapshot's classifier ({@code dockercache}) and type {@code json}.
     */
    @Parameter(property = "dockercache.baselineArtifact")
    String baselineArtifact;

    /**
     * What to do without a baseline (not recorded yet, or a remote one that cannot be resolved): {@code warn}
     * (go on and say so), {@code fail}, or {@code skip} (one line, no comparison).
     */
    @Parameter(property = "dockercache.onMissingBaseline", defaultValue = "warn")
    String onMissingBaseline;

    /** Build arguments, as {@code --build-arg} would give them. */
    @Parameter
    Map<String, String> buildArgs;

    /**
     * Build arguments on the command line: {@code K=V,K2=V2}; they override {@code buildArgs}. A name without
     * {@code =} takes its value from the environment variable of that name, as {@code docker build --build-arg NAME}
     * does: the way to give a secret, which Maven would otherwise print with {@code -X}.
     */
    @Parameter(property = "dockercache.buildArgs")
    String buildArgList;

    /**
     * Build args that are secret although their names look ordinary ({@code SIGNING_PHRASE}); {@code !NAME} says a
     * name that looks secret is not ({@code !CACHE_KEY}). Secret values, and every value derived from one, are never
     * written; they are compared through the secret key (docs/secrets.md).
     */
    @Parameter(property = "dockercache.secretArgs")
    List<String> secretArgs;

    /**
     * The {@code <server>} of settings.xml whose password is the secret key, when the environment variable
     * {@code DOCKERCACHE_SECRET_KEY} is not set.
     */
    @Parameter(property = "dockercache.secretKeyServer", defaultValue = "dockercache")
    String secretKeyServer;

    /** The stage to build, as {@code --target}; default the last stage. */
    @Parameter(property = "dockercache.target")
    String target;

    /** Also write check's JSON report ({@code check.json}) to this file; explain never writes it. */
    @Parameter(property = "dockercache.report")
    File report;

    /**
     * Where the snapshot and report go. Default {@code target/dockercache}; when run without a pom, a directory
     * per context in this user's private directory under the temporary directory ({@code dockercache-<user>}).
     */
    @Parameter(property = "dockercache.outputDirectory")
    File outputDirectory;

    /** The client that sends the context: {@code linux}, {@code macos} or {@code windows}; default this machine. */
    @Parameter(property = "dockercache.platform")
    String platform;

    /** The build's {@code --network} value, which BuildKit puts into every RUN key; default none given. */
    @Parameter(property = "dockercache.network")
    String network;

    /**
     * The builder whose cache rules apply: {@code buildkit} (default) or {@code classic}, the legacy builder that
     * {@code DOCKER_BUILDKIT=0} selects.
     */
    @Parameter(property = "dockercache.builder", defaultValue = "buildkit")
    String builder;

    /**
     * The BuildKit release the predictions are for, {@code 0.13} to {@code 0.25} (default): the one the Docker
     * engine that builds runs (Docker 28 has 0.25, Docker 26 has 0.13).
     */
    @Parameter(property = "dockercache.buildkitVersion", defaultValue = "0.25")
    String buildkitVersion;

    /** Dependency manifests: a change to one that a step copies is expected, not a failure. */
    @Parameter
    List<String> manifests;

    /**
     * Dependency outputs: files a build copies out of its dependency resolution (Quarkus {@code lib/}, Spring Boot's
     * {@code dependencies/} layer). A COPY of them is stable, and a change to them is expected when the project's
     * dependencies changed accordingly. Replaces the default list (docs/stability.md).
     */
    @Parameter
    List<String> dependencyOutputs;

    /** Extra stable steps: step ids such as {@code build:3}, or text the instruction contains. */
    @Parameter
    List<String> stableSteps;

    /** Steps that are never stable: step ids such as {@code build:3}, or text the instruction contains. */
    @Parameter
    List<String> unstableSteps;

    /** Stages whose every step is stable, by name. */
    @Parameter
    List<String> stableStages;

    /** Stages none of whose steps is stable unless a step says so itself, by name. */
    @Parameter
    List<String> unstableStages;

    /**
     * Several images built from this project, each with a {@code name} and any of {@code dockerfile},
     * {@code context}, {@code target}, {@code buildArgs}, {@code baseline}, {@code baselineArtifact}; left
     * out, the goal's own parameters apply. Without it the project has one image.
     */
    @Parameter
    List<Image> images;

    /** Advice rules not to report, by id (see docs/rules.md), e.g. {@code DC301}. */
    @Parameter(property = "dockercache.disabledRules")
    List<String> disabledRules;

    /**
     * A BuildKit log of a real build ({@code docker buildx build --progress=rawjson . 2> build.json}, or
     * {@code --progress=plain}): check and explain then say what each chain of misses costs in build time; verify
     * lines it up with the prediction. Run at a reactor's root, a relative path names each module's own log.
     */
    @Parameter(property = ProjectScope.BUILD_LOG_PROPERTY)
    File buildLog;

    /**
     * Ask the registries which digest each FROM tag stands for now (the OCI distribution API, anonymously), so that
     * a moved tag is reported as the cause it is; record the baseline with it too. Off, the digests the baseline
     * recorded are assumed unchanged.
     */
    @Parameter(property = "dockercache.resolve", defaultValue = "false")
    boolean resolve;

    /** Skip the goal. */
    @Parameter(property = "dockercache.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    PluginDescriptor plugin;

    private final RepositorySystem repositorySystem;
    private final ProjectDependenciesResolver dependenciesResolver;
    /** Per project, its runtime dependencies (null when unknown), collected once for all its images. */
    private final Map<MavenProject, Optional<List<String>>> dependencies = new HashMap<>();

    private final SettingsDecrypter settingsDecrypter;
    /** Resolved once per execution: deriving the key takes a moment on purpose. */
    private Secrets secrets;
    /** The stability overrides no image analysed so far matches, by parameter and entry; null before the first. */
    private Map<String, StabilityPolicy.Unmatched> unmatchedEverywhere;
    /**
     * True while an image of this project is checked at the end of the reactor, for another project's execution: the
     * projects built after this one are built, and this project's own build has finished.
     */
    private boolean reactorBuilt;
    /** Whether a roll-up of the reactor follows, which says once the remedies its images share. */
    private boolean rollUpFollows;

    AbstractDockercacheMojo(
            RepositorySystem repositorySystem,
            ProjectDependenciesResolver dependenciesResolver,
            SettingsDecrypter settingsDecrypter) {
        this.repositorySystem = repositorySystem;
        this.dependenciesResolver = dependenciesResolver;
        this.settingsDecrypter = settingsDecrypter;
    }

    /**
     * One image to analyse, with everything resolved.
     *
     * @param name the image's name, null for a project's only image
     * @param label how messages name it: the module and the image's name ({@code app/api}), as far as they tell
     *     images apart
     * @param failurePrefix what a failure of this image starts with ({@link #failurePrefix})
     * @param image what the goal's request says about the image itself
     */
    record ImagePlan<R>(
            MavenProject project,
            String name,
            String label,
            String failurePrefix,
            ImageRequest image,
            R request,
            String classifier) {}

    /**
     * One image's settings, resolved and checked for every goal alike, from which a goal builds its request.
     *
     * @param baselineFile the baseline file of the project, which the baseline goal writes
     * @param baselineSource where check, explain and verify read the baseline from
     * @param buildLog the log of a real build of the image, or null
     */
    record ImageSettings(
            ImageRequest image,
            Path baselineFile,
            BaselineSource baselineSource,
            OnMissingBaseline onMissingBaseline,
            Path buildLog) {}

    /** A failure of one image or project; the goal fails once, at the end, with all of them. */
    record Failure(String message, boolean environment, Throwable cause) {}

    /** Plans one image again, for a check at the end of the reactor. */
    private interface Replan<R> {
        ImagePlan<R> plan() throws MojoFailureException;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        ReactorLog reactor = ReactorLog.of(session);
        if (skip) {
            getLog().info("Skipping dockercache (dockercache.skip=true).");
            List<Failure> deferredFailures = new ArrayList<>();
            rollUp(reactor, List.of(), false, deferredFailures);
            fail(deferredFailures);
            return;
        }
        secrets = Secrets.of(
                secretArgs == null ? List.of() : secretArgs,
                SecretKeySource.resolve(
                        System.getenv(),
                        session == null ? null : session.getSettings(),
                        secretKeyServer,
                        settingsDecrypter));
        unmatchedEverywhere = null;
        List<ProjectScope> scopes = scopes();
        boolean aggregating = scopes.size() > 1;
        rollUpFollows = aggregating || projectsRunningThisGoal().size() > 1;
        List<RollUp.Row> rows = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (ProjectScope scope : scopes) {
            long start = System.currentTimeMillis();
            List<Failure> projectFailures = runProject(scope, aggregating, reactor, rows);
            if (aggregating && scope.project() != project) {
                summarize(scope.project(), System.currentTimeMillis() - start, projectFailures);
            }
            failures.addAll(projectFailures);
        }
        if (unmatchedEverywhere != null) {
            // an entry may be meant for one image of several: only one that matches in none is a mistake
            unmatchedEverywhere
                    .values()
                    .forEach(u -> failures.add(new Failure(
                            "<" + u.parameter() + "> entry '" + u.entry() + "' " + u.problem() + "; fix or remove it.",
                            false,
                            null)));
        }
        rollUp(reactor, rows, aggregating, failures);
        fail(failures);
    }

    /** Runs the workflow of each image of one project, adding their rows; returns the project's failures. */
    private List<Failure> runProject(
            ProjectScope scope, boolean aggregating, ReactorLog reactor, List<RollUp.Row> rows) {
        List<Failure> failures = new ArrayList<>();
        List<Image> images;
        try {
            images = images(scope);
        } catch (MojoFailureException e) {
            failures.add(new Failure(failurePrefix(scope.project(), null, false) + e.getMessage(), false, null));
            rows.add(new RollUp.Row(scope.label(), null, null, "error"));
            return failures;
        }
        boolean several = images.size() > 1;
        for (Image image : images) {
            ImagePlan<R> plan;
            try {
                plan = plan(scope, image, rows, several);
            } catch (MojoFailureException e) {
                failures.add(
                        new Failure(failurePrefix(scope.project(), image.name, several) + e.getMessage(), false, null));
                rows.add(new RollUp.Row(scope.label(), image.name, null, "error"));
                continue;
            }
            if (plan == null) {
                continue;
            }
            if (aggregating || several) {
                getLog().info(MessageUtils.buffer().strong(plan.label()) + " ("
                        + show(plan.image().build().dockerfile()) + "):");
            }
            Optional.ofNullable(runImage(plan, reactor, rows, () -> plan(scope, image, new ArrayList<>(), several)))
                    .ifPresent(failures::add);
        }
        return failures;
    }

    /**
     * Runs one image's workflow and prints what it says; returns its failure, or null.
     *
     * @param replan plans the image again for a check at the end of the reactor, when it cannot be checked now
     */
    private Failure runImage(ImagePlan<R> plan, ReactorLog reactor, List<RollUp.Row> rows, Replan<R> replan) {
        String image =
                plan.name() != null ? plan.name() : show(plan.image().build().dockerfile());
        Outcome outcome;
        try {
            outcome = run(plan.request());
        } catch (WorkflowException e) {
            if (e.isCheckLater()) {
                RollUp.Row row = new RollUp.Row(plan.project().getArtifactId(), image, null, "not checked");
                rows.add(row);
                if (replan != null && laterProjectRunsThisGoal()) {
                    defer(plan, e, row, replan, reactor);
                } else {
                    getLog().warn(plan.failurePrefix() + e.getMessage());
                }
                return null;
            }
            rows.add(new RollUp.Row(plan.project().getArtifactId(), image, null, "error"));
            // a user error is reworded in full: its causes would only repeat it, with class names
            return new Failure(plan.failurePrefix() + e.getMessage(), !e.isUserError(), e.isUserError() ? null : e);
        }
        logWarnings(reactor, plan, outcome.warnings());
        log(outcome.lines(), plan, reactor);
        afterImage(plan);
        Map<String, StabilityPolicy.Unmatched> unmatched = new LinkedHashMap<>();
        outcome.unmatched().forEach(u -> unmatched.put(u.parameter() + "\n" + u.entry(), u));
        if (unmatchedEverywhere != null) {
            unmatched.keySet().retainAll(unmatchedEverywhere.keySet());
        }
        unmatchedEverywhere = unmatched;
        rows.add(new RollUp.Row(plan.project().getArtifactId(), image, outcome.tally(), verdict(outcome)));
        return outcome.failed() ? new Failure(plan.failurePrefix() + outcome.failure(), false, null) : null;
    }

    /**
     * Leaves an image that copies outputs of projects built later to the end of the reactor, said in one line; the
     * warning for when it cannot be checked there either says why, and how to check it.
     */
    private void defer(ImagePlan<R> plan, WorkflowException e, RollUp.Row row, Replan<R> replan, ReactorLog reactor) {
        getLog().info(plan.failurePrefix() + "Checked at the end of the reactor: " + e.laterReason() + ".");
        List<MavenProject> awaited = laterProjects().stream()
                .filter(module -> e.awaited().contains(Path.of(module.getBuild().getDirectory())))
                .toList();
        String goal = mojoExecution.getGoal();
        String notChecked = plan.label() + ": Not checked: " + e.laterReason() + ", and no " + goal
                + " of this build ran once "
                + awaited.stream().map(MavenProject::getArtifactId).collect(Collectors.joining(", "))
                + (awaited.size() == 1 ? " was" : " were") + " built. Check the image once the build has finished: "
                + new MavenHints(session, project, plugin, secrets).goal(goal) + ".";
        reactor.defer(new ReactorLog.Deferred(
                row, awaited, checked -> checkBuilt(replan, reactor, checked), () -> getLog().warn(notChecked)));
    }

    /**
     * Checks an image of this project at the end of the reactor, once the projects built after it are built; for the
     * execution of another project, which fails with the failure returned.
     */
    private Failure checkBuilt(Replan<R> replan, ReactorLog reactor, List<RollUp.Row> rows) {
        reactorBuilt = true;
        try {
            ImagePlan<R> plan = replan.plan();
            getLog().info(MessageUtils.buffer().strong(plan.label()) + " ("
                    + show(plan.image().build().dockerfile()) + "), at the end of the reactor:");
            return runImage(plan, reactor, rows, null);
        } catch (MojoFailureException e) {
            rows.add(new RollUp.Row(project.getArtifactId(), null, null, "error"));
            return new Failure(project.getArtifactId() + ": " + e.getMessage(), false, null);
        } finally {
            reactorBuilt = false;
        }
    }

    /**
     * Whether a project that this build builds after this one runs this goal too: it prints the reactor's roll-up. Only
     * with the plugin as a build extension, whose lifecycle participant says at the end of the build what it did not
     * check.
     */
    private boolean laterProjectRunsThisGoal() {
        boolean extension = project.getBuildPlugins().stream()
                .anyMatch(candidate -> ProjectScope.PLUGIN_KEY.equals(candidate.getKey()) && candidate.isExtensions());
        if (coversReactor() || !extension) {
            return false;
        }
        List<String> running = projectsRunningThisGoal();
        int self = running.indexOf(projectId(project));
        return self >= 0 && self < running.size() - 1;
    }

    /**
     * The images deferred to the end of the reactor, checked by the execution that prints the roll-up, each in place of
     * its row; one whose projects were not all built (a module failed, or runs no such goal and is still building) is
     * not checked, as it would have been where it ran.
     */
    private List<RollUp.Row> checkDeferred(ReactorLog reactor, List<RollUp.Row> table, List<Failure> failures) {
        List<RollUp.Row> complete = new ArrayList<>(table);
        for (ReactorLog.Deferred image : reactor.takeDeferred()) {
            if (!image.awaited().stream().allMatch(module -> isBuilt(module, reactor))) {
                image.notChecked().run();
                continue;
            }
            List<RollUp.Row> checked = new ArrayList<>();
            Optional.ofNullable(image.check().run(checked)).ifPresent(failures::add);
            for (int i = 0; i < complete.size(); i++) {
                if (complete.get(i) == image.placeholder()) {
                    complete.remove(i);
                    complete.addAll(i, checked);
                    break;
                }
            }
        }
        return complete;
    }

    /**
     * Whether the project's outputs are final: its build has succeeded, or its own execution of this goal has reported,
     * which runs last in its phase (with {@code -T}, its later phases may still be running).
     */
    private boolean isBuilt(MavenProject module, ReactorLog reactor) {
        return reactor.reported(projectId(module))
                || session.getResult().getBuildSummary(module) instanceof BuildSuccess;
    }

    /** The Dockerfile's warnings, once per Dockerfile in a reactor whose modules share it. */
    private void logWarnings(ReactorLog reactor, ImagePlan<R> plan, List<String> warnings) {
        Path dockerfile = plan.image().build().dockerfile().toAbsolutePath().normalize();
        ReactorLog.Shown shown = reactor.unshown(dockerfile, plan.label(), warnings);
        shown.fresh().forEach(getLog()::warn);
        if (shown.repeated() > 0) {
            getLog().info("The " + (shown.repeated() == 1 ? "warning" : shown.repeated() + " warnings") + " of "
                    + show(dockerfile) + " " + (shown.repeated() == 1 ? "is" : "are") + " shown above, with "
                    + shown.firstShownWith() + ".");
        }
    }

    /**
     * The roll-up of a reactor: at the end of a goal that covered it, or, for check, which runs in each module, by the
     * last module to report.
     */
    private void rollUp(ReactorLog reactor, List<RollUp.Row> rows, boolean aggregating, List<Failure> failures) {
        Optional<List<RollUp.Row>> all = aggregating
                ? Optional.of(rows)
                : reactor.report(projectId(project), rows, projectsRunningThisGoal())
                        .map(table -> checkDeferred(reactor, table, failures));
        all.ifPresentOrElse(
                table -> {
                    log(RollUp.table("Images of the reactor (dockercache:" + mojoExecution.getGoal() + "):", table));
                    logHeldBack(reactor, table);
                },
                () -> {
                    // Maven stops at a failing module: what was held back for a roll-up that will not come is said now
                    if (!failures.isEmpty()) {
                        logHeldBack(reactor, null);
                    }
                });
    }

    /**
     * The remedies the images of the reactor share, once: one command records every missing baseline, without
     * {@code -pl} when every project with an image needs one.
     *
     * @param table the roll-up, or null when the reactor stops before it
     */
    private void logHeldBack(ReactorLog reactor, List<RollUp.Row> table) {
        String goal = mojoExecution.getGoal();
        List<MavenProject> unrecorded = reactor.takeHeldBack(goal, ReportLine.Kind.RECORD_BASELINE).stream()
                .map(ReactorLog.Held::project)
                .toList();
        if (!unrecorded.isEmpty()) {
            Set<String> withImage = table == null
                    ? Set.of()
                    : table.stream()
                            .filter(row -> row.tally() != null)
                            .map(RollUp.Row::module)
                            .collect(Collectors.toSet());
            boolean all = table != null
                    && wholeReactor()
                    && unrecorded.stream()
                            .map(MavenProject::getArtifactId)
                            .collect(Collectors.toSet())
                            .containsAll(withImage);
            String command = new MavenHints(session, project, plugin, secrets)
                    .goalFor("baseline", all ? List.of() : inReactorOrder(unrecorded));
            getLog().info(
                            unrecorded.size() == 1
                                    ? "No baseline yet for " + unrecorded.get(0).getArtifactId() + ": record it with "
                                            + command + " and commit it; later builds are then checked against it."
                                    : "No baseline yet for " + unrecorded.size() + " images: record them with "
                                            + command
                                            + " and commit them; later builds are then checked against them.");
        }
        List<ReactorLog.Held> recorded = reactor.takeHeldBack(goal, ReportLine.Kind.COMMIT_BASELINE);
        if (!recorded.isEmpty()) {
            getLog().info(
                            recorded.size() == 1
                                    ? "Commit " + recorded.get(0).subject() + ", so that every build compares with it."
                                    : "Commit the " + recorded.size()
                                            + " baselines, so that every build compares with them.");
        }
    }

    private List<MavenProject> inReactorOrder(List<MavenProject> projects) {
        return session.getProjects().stream().filter(projects::contains).toList();
    }

    /** The projects of the session that run this goal, by id, in reactor order: all of them from the command line. */
    private List<String> projectsRunningThisGoal() {
        return session.getProjects().stream()
                .filter(this::runsThisGoal)
                .map(AbstractDockercacheMojo::projectId)
                .toList();
    }

    private boolean runsThisGoal(MavenProject module) {
        return mojoExecution.getSource() == MojoExecution.Source.CLI || bindsThisGoal(module);
    }

    /**
     * The hints for an image; for check in a reactor, they know the other projects whose check builds an image of the
     * same Dockerfile, so that a failure's remedy records them all at once: they would fail alike, one build after
     * another, as Maven stops at the first.
     */
    private MavenHints hints(MavenProject owner, Path dockerfile) {
        if (session == null || session.getProjects().size() < 2 || !"check".equals(mojoExecution.getGoal())) {
            return new MavenHints(session, owner, plugin, secrets);
        }
        List<MavenProject> sharing = new ArrayList<>();
        boolean all = wholeReactor();
        for (MavenProject module : session.getProjects()) {
            List<Path> dockerfiles = module == owner ? List.of(dockerfile) : dockerfiles(module);
            if (dockerfiles.contains(dockerfile) && runsThisGoal(module)) {
                sharing.add(module);
            } else if (dockerfiles.stream().anyMatch(Files::isRegularFile)) {
                all = false;
            }
        }
        return new MavenHints(session, owner, plugin, secrets, sharing, all);
    }

    /** Whether the build covers every project of the reactor, so that a command without {@code -pl} covers no more. */
    private boolean wholeReactor() {
        List<MavenProject> all = session.getAllProjects();
        return all == null || all.size() == session.getProjects().size();
    }

    /** The Dockerfiles a module's configuration names, as its goals resolve them before any discovery. */
    private List<Path> dockerfiles(MavenProject module) {
        ProjectScope scope = ProjectScope.ofModule(module, session);
        List<Image> images = scope.images().isEmpty() ? List.of(new Image()) : scope.images();
        return images.stream()
                .map(image -> {
                    File setting = image.dockerfile != null ? image.dockerfile : scope.dockerfile();
                    File context = image.context != null ? image.context : scope.context();
                    return (setting != null
                                    ? setting.toPath()
                                    : context.toPath().resolve("Dockerfile"))
                            .toAbsolutePath()
                            .normalize();
                })
                .toList();
    }

    private boolean bindsThisGoal(MavenProject module) {
        return module.getBuildPlugins().stream()
                .filter(candidate -> ProjectScope.PLUGIN_KEY.equals(candidate.getKey()))
                .flatMap(candidate -> candidate.getExecutions().stream())
                // phase none is how a module turns off an execution it inherits
                .anyMatch(execution -> !"none".equals(execution.getPhase())
                        && execution.getGoals().contains(mojoExecution.getGoal()));
    }

    private static String projectId(MavenProject module) {
        return module.getGroupId() + ":" + module.getArtifactId();
    }

    /**
     * A goal that covers the reactor runs once, at its top: Maven would list every other module as SKIPPED. Each
     * module it covered gets the summary of its part instead, added to what an earlier goal of the build recorded.
     */
    private void summarize(MavenProject module, long millis, List<Failure> failures) {
        MavenExecutionResult result = session.getResult();
        BuildSummary earlier = result.getBuildSummary(module);
        if (earlier instanceof BuildFailure) {
            return;
        }
        long time = millis + (earlier == null ? 0 : earlier.getTime());
        result.addBuildSummary(
                failures.isEmpty()
                        ? new BuildSuccess(module, time)
                        : new BuildFailure(
                                module,
                                time,
                                new MojoFailureException(failures.get(0).message())));
    }

    /** Fails once with every failure: an environment failure (I/O) first, as Maven words those differently. */
    private static void fail(List<Failure> failures) throws MojoExecutionException, MojoFailureException {
        if (failures.isEmpty()) {
            return;
        }
        String message = failures.stream().map(Failure::message).collect(Collectors.joining(System.lineSeparator()));
        Optional<Failure> environment =
                failures.stream().filter(Failure::environment).findFirst();
        if (environment.isPresent()) {
            throw new MojoExecutionException(message, environment.get().cause());
        }
        throw new MojoFailureException(message);
    }

    /** What the roll-up says the goal decided for an image. */
    String verdict(Outcome outcome) {
        if (outcome.failed()) {
            return "fails";
        }
        return outcome.tally() != null && outcome.tally().compared() ? "passes" : "no baseline";
    }

    /**
     * A failure names what Maven does not: Maven reports it "on project app", so the module is named only when a goal
     * at the reactor's root covers it ({@code app/api: ...}), and the image only when the module has several.
     */
    private String failurePrefix(MavenProject owner, String name, boolean several) {
        String label =
                owner == project && !reactorBuilt ? (name != null && several ? name : "") : label(owner, name, several);
        return label.isEmpty() ? "" : label + ": ";
    }

    /** True for goals that need no pom: Maven runs them once, at the top of a reactor, so they cover its modules. */
    boolean coversReactor() {
        return false;
    }

    private List<ProjectScope> scopes() {
        ProjectScope own = new ProjectScope(
                project,
                context,
                dockerfile,
                baseline,
                baselineArtifact,
                target,
                buildArgs == null ? Map.of() : buildArgs,
                images == null ? List.of() : images,
                buildLog,
                ProjectScope.isExplicit(project, session));
        if (!coversReactor() || session.getProjects().size() <= 1) {
            return List.of(own);
        }
        List<ProjectScope> scopes = new ArrayList<>();
        for (MavenProject module : session.getProjects()) {
            scopes.add(module == project ? own : ProjectScope.ofModule(module, session));
        }
        return scopes;
    }

    /** The goal's request for one image, from its settings; throws for a setting of this goal that is wrong. */
    abstract R request(ImageSettings settings) throws MojoFailureException;

    abstract Outcome run(R request) throws WorkflowException;

    /** Called after each image's workflow; check attaches the snapshot here. */
    void afterImage(ImagePlan<R> plan) {}

    /** The work of the build that still runs after this goal and may rewrite the outputs; check asks Maven. */
    List<String> pendingWork() {
        return List.of();
    }

    /** The advice rules not to report, for the goals that advise. */
    Set<String> disabledRules() {
        return disabledRules == null ? Set.of() : Set.copyOf(disabledRules);
    }

    /**
     * An image's lines, in a reactor with what its images share said once: a remedy for all of them is held back for
     * the roll-up, and the advice of a Dockerfile another image showed already points there.
     */
    private void log(List<ReportLine> lines, ImagePlan<R> plan, ReactorLog reactor) {
        String goal = mojoExecution.getGoal();
        List<ReportLine> shown = new ArrayList<>();
        for (ReportLine line : lines) {
            ReportLine.Topic topic = line.topic();
            if (topic == null) {
                shown.add(line);
            } else if (topic.kind() != ReportLine.Kind.ADVICE) {
                if (rollUpFollows) {
                    reactor.holdBack(goal, plan.project(), topic);
                } else {
                    shown.add(line);
                }
            } else {
                Path dockerfile =
                        plan.image().build().dockerfile().toAbsolutePath().normalize();
                String first = reactor.saidBefore(goal, dockerfile + "\n" + topic.subject(), plan.label());
                shown.add(
                        first == null
                                ? line
                                : new ReportLine(
                                        line.level(),
                                        topic.subject() + " of " + show(dockerfile) + ": shown above, with " + first
                                                + "."));
            }
        }
        log(shown);
    }

    private void log(List<ReportLine> lines) {
        for (ReportLine line : lines) {
            String text = styled(line);
            switch (line.level()) {
                case ERROR -> getLog().error(text);
                case WARN -> getLog().warn(text);
                default -> getLog().info(text);
            }
        }
    }

    /** A long walk of the context, live in the log. */
    private void logProgress(long entries, Duration elapsed, boolean done) {
        getLog().info(String.format(
                "%s the build context: %,d entries in %d s%s",
                done ? "Hashed" : "Hashing", entries, elapsed.toSeconds(), done ? "." : " so far..."));
    }

    /** The line through Maven's message builder: colours when Maven's console has them, plain text otherwise. */
    private static String styled(ReportLine line) {
        MessageBuilder builder = MessageUtils.buffer();
        for (ReportLine.Span span : line.spans()) {
            switch (span.style()) {
                case STRONG -> builder.strong(span.text());
                case SUCCESS -> builder.success(span.text());
                case WARNING -> builder.warning(span.text());
                case FAILURE -> builder.failure(span.text());
                default -> builder.a(span.text());
            }
        }
        return builder.toString();
    }

    /**
     * The project's images: those of {@code <images>}, checked; else, when this plugin's configuration does not say
     * where the image is, those its build already describes (each said in one line); else its one implicit image
     * (without a name).
     */
    private List<Image> images(ProjectScope scope) throws MojoFailureException {
        if (scope.images().isEmpty()) {
            List<Image> discovered = hasPom(scope.project()) && !scope.configuresImage() ? discover(scope) : List.of();
            return discovered.isEmpty() ? List.of(new Image()) : discovered;
        }
        Set<String> names = new HashSet<>();
        for (Image image : scope.images()) {
            if (image.name == null || !image.name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new MojoFailureException("<images>: every <image> needs a <name> of letters, digits, '.', '_'"
                        + " or '-' (got '" + image.name + "').");
            }
            if (!names.add(image.name)) {
                throw new MojoFailureException("<images>: the name '" + image.name + "' is used twice.");
            }
        }
        return scope.images();
    }

    /** The images discovery finds for a project, each reported in one line, with the sources it did not use. */
    private List<Image> discover(ProjectScope scope) throws MojoFailureException {
        Discovery.Choice choice;
        try {
            choice = ImageDiscovery.discover(scope.project(), session);
        } catch (DiscoveryException e) {
            throw new MojoFailureException(
                    e.obstacle() == null ? e.getMessage() : ImageDiscovery.worded(e.obstacle(), "the images") + ".");
        }
        if (choice.used() == null) {
            return List.of();
        }
        FoundImages used = choice.used();
        used.unchecked()
                .forEach(why -> getLog().info("Not checked, from " + used.origin() + ": "
                        + ImageDiscovery.worded(why, "the image") + "."));
        for (FoundImages other : choice.ignored()) {
            List<String> names = new ArrayList<>(
                    other.images().stream().map(DiscoveredImage::name).toList());
            getLog().warn(other.origin() + " also describes images ("
                    + (names.isEmpty() ? "none checkable" : String.join(", ", names)) + "); only those from "
                    + used.origin() + " are checked."
                    + " List the images to check under <images> to choose.");
        }
        boolean several = used.images().size() > 1;
        List<Image> images = new ArrayList<>();
        for (DiscoveredImage found : used.images()) {
            getLog().info(describe(found, discoveredBuilder(scope.project(), found)));
            images.add(new DiscoveredImageSetting(found, several ? found.name() : null));
        }
        return images;
    }

    /** "image api: Dockerfile src/main/docker/Dockerfile, context ., target runtime, 2 build args, from ...". */
    private String describe(DiscoveredImage found, Builder builder) {
        StringBuilder line = new StringBuilder("image ")
                .append(found.name())
                .append(": Dockerfile ")
                .append(show(found.dockerfile()))
                .append(", context ")
                .append(show(found.context()));
        if (found.target() != null) {
            line.append(", target ").append(found.target());
        }
        int args = found.buildArgs().size();
        if (args > 0) {
            line.append(", ").append(args).append(args == 1 ? " build arg" : " build args");
        }
        if (builder != null) {
            line.append(", ").append(builder.settingName()).append(" builder");
        }
        return line.append(", from ").append(found.origin()).toString();
    }

    /**
     * Resolves one image's settings; its name is null for the project's single implicit image. Returns null for a
     * project without this image, after one line saying so.
     */
    private ImagePlan<R> plan(ProjectScope scope, Image image, List<RollUp.Row> rows, boolean several)
            throws MojoFailureException {
        MavenProject owner = scope.project();
        String name = image.name;
        String label = label(owner, name, several);
        Path contextDir = (image.context != null ? image.context : scope.context())
                .toPath()
                .toAbsolutePath()
                .normalize();
        File dockerfileSetting = image.dockerfile != null ? image.dockerfile : scope.dockerfile();
        Path dockerfilePath = dockerfileSetting != null
                ? dockerfileSetting.toPath().toAbsolutePath().normalize()
                : defaultDockerfile(contextDir);
        if (!Files.isDirectory(contextDir)) {
            missingFile(
                    scope,
                    contextDir,
                    "The build context " + show(contextDir),
                    "The build context " + show(contextDir) + " is not a directory. Set <context> or"
                            + " -Ddockercache.context=DIR.");
            return skipped(scope, image, label, "the build context " + show(contextDir) + " does not exist", rows);
        }
        if (!Files.isRegularFile(dockerfilePath)
                && dockerfileSetting == null
                && ImageDiscovery.dockerfileLessBuilder(owner) != null) {
            getLog().info("Nothing to check in " + (label.isEmpty() ? scope.label() : label) + ": it builds its image"
                    + " with " + ImageDiscovery.dockerfileLessBuilder(owner) + ", without a Dockerfile.");
            rows.add(new RollUp.Row(scope.label(), image.name, null, "no Dockerfile"));
            return null;
        }
        if (!Files.isRegularFile(dockerfilePath)) {
            missingFile(
                    scope,
                    dockerfilePath,
                    "The Dockerfile " + show(dockerfilePath),
                    "No Dockerfile at " + show(dockerfilePath) + ". "
                            + besideContext(owner, dockerfileSetting, contextDir)
                                    .map(found -> "The Dockerfile's path is taken from the module's directory, not"
                                            + " from the context: to use " + show(found) + ", set <dockerfile>"
                                            + owner.getBasedir().toPath().relativize(found) + "</dockerfile>.")
                                    .orElse("Set <dockerfile> or -Ddockercache.dockerfile=FILE."));
            return skipped(scope, image, label, "no Dockerfile at " + show(dockerfilePath), rows);
        }
        Path output = outputDirectory != null && owner == project
                ? outputDirectory.toPath()
                : defaultOutputDirectory(owner, contextDir);
        if (name != null) {
            output = output.resolve(name);
        }
        Path baselineFile = baselineFile(scope, image, name, output);
        String classifier = name == null ? CLASSIFIER : CLASSIFIER + "-" + name;
        // docker buildx passes the client's SOURCE_DATE_EPOCH on as a build argument; the model decides when it applies
        BuildSettings settings = new BuildSettings(
                contextDir,
                dockerfilePath,
                buildArguments(scope, image),
                blankToNull(image.target != null ? image.target : scope.target()),
                clientPlatform(),
                blankToNull(network),
                builder(owner, image),
                buildkitVersion(),
                secrets,
                System.getenv(BuildSettings.SOURCE_DATE_EPOCH));
        StabilityPolicy policy = new StabilityPolicy(
                new PathPatterns(orDefault(manifests, StabilityPolicy.DEFAULT_MANIFESTS)),
                new PathPatterns(orDefault(dependencyOutputs, StabilityPolicy.DEFAULT_DEPENDENCY_OUTPUTS)),
                orDefault(stableSteps, List.of()),
                orDefault(unstableSteps, List.of()),
                orDefault(stableStages, List.of()),
                orDefault(unstableStages, List.of()));
        String coordinates =
                blankToNull(image.baselineArtifact != null ? image.baselineArtifact : scope.baselineArtifact());
        Invocation invocation = new Invocation(
                root(),
                outputs(owner),
                hints(owner, dockerfilePath),
                session == null ? StatCacheShare.NONE : new SessionStatCaches(session));
        BaselineSource baselineSource = baselineSource(owner, coordinates, baselineFile, classifier);
        OnMissingBaseline onMissing = missingBaselinePolicy();
        ImageRequest imageRequest = new ImageRequest(
                settings,
                output,
                policy,
                this::logProgress,
                resolve,
                runtimeDependencies(owner),
                RuntimeDependencies.modules(runtimeDependencies(owner), reactor()),
                invocation);
        R request = request(
                new ImageSettings(imageRequest, baselineFile, baselineSource, onMissing, buildLog(scope, image)));
        return new ImagePlan<>(
                owner, name, label, failurePrefix(owner, name, several), imageRequest, request, classifier);
    }

    /**
     * The Dockerfile when none is set: {@code Dockerfile} in the context directory, else Quarkus's generated JVM
     * Dockerfile there (Quarkus builds it with {@code docker build -f src/main/docker/Dockerfile.jvm .}), said in one
     * line.
     */
    private Path defaultDockerfile(Path contextDir) {
        Path plain = contextDir.resolve("Dockerfile");
        Path quarkus = contextDir.resolve(QUARKUS_JVM_DOCKERFILE);
        if (Files.exists(plain) || !Files.isRegularFile(quarkus)) {
            return plain;
        }
        getLog().info("No Dockerfile at " + show(plain) + ": using " + show(quarkus) + ", Quarkus's JVM Dockerfile."
                + " To use another, set <dockerfile> or -Ddockercache.dockerfile=FILE.");
        return quarkus;
    }

    /**
     * A Dockerfile or context that does not exist fails the goal when it was asked for here, or when it lies in the
     * build directory (the project is not built yet); elsewhere the project simply has no image.
     */
    private void missingFile(ProjectScope scope, Path missing, String what, String misconfigured)
            throws MojoFailureException {
        MavenProject owner = scope.project();
        if (hasPom(owner)
                && !"pom".equals(owner.getPackaging())
                && missing.startsWith(Path.of(owner.getBuild().getDirectory())
                        .toAbsolutePath()
                        .normalize())) {
            throw new MojoFailureException(what + " does not exist yet: " + owner.getArtifactId() + " is not built."
                    + " Build it first: " + new MavenHints(session, owner, plugin, secrets).buildProject() + ".");
        }
        if (scope.explicit()) {
            throw new MojoFailureException(misconfigured);
        }
    }

    /**
     * Where a configured Dockerfile would be had its path been taken from the context, as compose files and
     * {@code docker build -f} take it: a module's {@code <dockerfile>} is taken from the module's directory.
     */
    private static Optional<Path> besideContext(MavenProject owner, File dockerfileSetting, Path contextDir) {
        Path basedir = owner.getBasedir().toPath().toAbsolutePath().normalize();
        Path dockerfile = dockerfileSetting == null
                ? null
                : dockerfileSetting.toPath().toAbsolutePath().normalize();
        if (dockerfile == null || !dockerfile.startsWith(basedir) || contextDir.equals(basedir)) {
            return Optional.empty();
        }
        Path candidate = contextDir.resolve(basedir.relativize(dockerfile)).normalize();
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private ImagePlan<R> skipped(ProjectScope scope, Image image, String label, String why, List<RollUp.Row> rows) {
        getLog().info("No image in " + (label.isEmpty() ? scope.label() : label) + ": " + why + ", skipped.");
        rows.add(new RollUp.Row(scope.label(), image.name, null, "no image"));
        return null;
    }

    /** The image's name in messages: its module in a reactor, and its own name where the module has several. */
    private String label(MavenProject owner, String name, boolean several) {
        String module = session.getProjects().size() > 1 ? owner.getArtifactId() : "";
        String image = name != null && several ? name : "";
        return module.isEmpty() || image.isEmpty() ? module + image : module + "/" + image;
    }

    /** The directory messages show paths from: where Maven runs, the root of the reactor. */
    private Path root() {
        String root = session.getExecutionRootDirectory();
        return Path.of(root != null ? root : "").toAbsolutePath();
    }

    private String show(Path path) {
        return DisplayPaths.of(root(), path);
    }

    /** What the owner's build has produced so far; pending work only for the project this goal runs in. */
    private BuildOutputs outputs(MavenProject owner) {
        if (!hasPom(owner)) {
            return BuildOutputs.NONE;
        }
        Path directory = Path.of(owner.getBuild().getDirectory());
        return owner == project && !reactorBuilt
                ? new BuildOutputs(directory, artifact(owner, directory), pendingWork(), laterModules())
                : new BuildOutputs(directory, artifact(owner, directory), List.of(), Map.of());
    }

    /**
     * The build directories of the projects this build builds after this one, when this goal runs in the lifecycle:
     * each builds them again after it. Run on its own, the goal sees every project as the last build left it.
     */
    private Map<Path, String> laterModules() {
        Map<Path, String> later = new LinkedHashMap<>();
        laterProjects().forEach(other -> later.put(Path.of(other.getBuild().getDirectory()), other.getArtifactId()));
        return later;
    }

    /** The projects with outputs that this build builds after this one, when this goal runs in the lifecycle. */
    private List<MavenProject> laterProjects() {
        List<MavenProject> projects = session == null ? List.of() : session.getProjects();
        int self = projects.indexOf(project);
        if (self < 0 || mojoExecution == null || mojoExecution.getLifecyclePhase() == null) {
            return List.of();
        }
        return projects.subList(self + 1, projects.size()).stream()
                .filter(other -> hasPom(other) && !"pom".equals(other.getPackaging()))
                .toList();
    }

    /** The project's main artifact: as packaged in this build, else where packaging puts it, if it is there. */
    private static Path artifact(MavenProject owner, Path directory) {
        if ("pom".equals(owner.getPackaging()) || owner.getArtifact() == null) {
            return null;
        }
        File packaged = owner.getArtifact().getFile();
        if (packaged != null && packaged.isFile()) {
            return packaged.toPath();
        }
        Path expected = directory.resolve(owner.getBuild().getFinalName() + "."
                + owner.getArtifact().getArtifactHandler().getExtension());
        return Files.isRegularFile(expected) ? expected : null;
    }

    private static List<String> orDefault(List<String> configured, List<String> defaults) {
        return configured == null || configured.isEmpty() ? defaults : configured;
    }

    /**
     * The project's runtime dependencies, or null without a pom or when Maven cannot list them: the dependency layers
     * are then judged by the dependency manifests' digests, which is said.
     */
    private List<String> runtimeDependencies(MavenProject owner) {
        if (!hasPom(owner) || session == null) {
            return null;
        }
        return dependencies
                .computeIfAbsent(owner, p -> {
                    try {
                        return Optional.of(
                                RuntimeDependencies.of(dependenciesResolver, p, session.getRepositorySession()));
                    } catch (DependencyResolutionException e) {
                        getLog().warn("Cannot list the dependencies of " + p.getArtifactId() + " (" + e.getMessage()
                                + "):"
                                + " a change of its dependency layers is judged by the dependency manifests instead.");
                        return Optional.empty();
                    }
                })
                .orElse(null);
    }

    /**
     * Every project of the multi-module build, also those {@code -pl} left out: a sibling's jar holds the team's own
     * code whether this run builds it or takes it from the local repository.
     */
    private List<MavenProject> reactor() {
        if (session == null) {
            return List.of();
        }
        return session.getAllProjects() != null ? session.getAllProjects() : session.getProjects();
    }

    /** The image's own log, else the project's; a project of several images names each one's in {@code <images>}. */
    private static Path buildLog(ProjectScope scope, Image image) {
        File log = image.buildLog != null ? image.buildLog : scope.buildLog();
        return log == null ? null : log.toPath();
    }

    private static Path baselineFile(ProjectScope scope, Image image, String name, Path output) {
        if (image.baseline != null) {
            return image.baseline.toPath();
        }
        if (scope.baseline() != null && name == null) {
            return scope.baseline().toPath();
        }
        String fileName = name == null ? "baseline.json" : "baseline-" + name + ".json";
        return hasPom(scope.project())
                ? scope.project().getBasedir().toPath().resolve(".dockercache").resolve(fileName)
                : output.resolve(fileName);
    }

    private BaselineSource baselineSource(MavenProject owner, String coordinates, Path baselineFile, String classifier)
            throws MojoFailureException {
        if (coordinates == null) {
            return BaselineSource.file(baselineFile, show(baselineFile));
        }
        try {
            return new ArtifactBaselineSource(
                    repositorySystem,
                    session.getRepositorySession(),
                    owner.getRemoteProjectRepositories(),
                    ArtifactBaselineSource.validate(coordinates),
                    classifier);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<baselineArtifact>: " + e.getMessage() + ".");
        }
    }

    private OnMissingBaseline missingBaselinePolicy() throws MojoFailureException {
        try {
            return OnMissingBaseline.parse(onMissingBaseline);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<onMissingBaseline>: " + e.getMessage() + ".");
        }
    }

    private static boolean hasPom(MavenProject project) {
        return project != null && project.getFile() != null;
    }

    private static Path defaultOutputDirectory(MavenProject owner, Path contextDir) throws MojoFailureException {
        if (hasPom(owner)) {
            return Path.of(owner.getBuild().getDirectory(), "dockercache");
        }
        try {
            return UserDirectory.get().resolve(shortHash(contextDir.toString()));
        } catch (UnusableDirectoryException e) {
            throw new MojoFailureException(
                    e.getMessage() + ", or set MAVEN_OPTS=" + UnusableDirectoryException.JVM_OPTION
                            + ", or set -Ddockercache.outputDirectory=DIR.",
                    e);
        } catch (IOException e) {
            throw new MojoFailureException(e.getMessage() + ", or set -Ddockercache.outputDirectory=DIR.", e);
        }
    }

    private Map<String, String> buildArguments(ProjectScope scope, Image image) throws MojoFailureException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, String> source : Arrays.asList(scope.buildArgs(), image.buildArgs)) {
            if (source != null) {
                source.forEach((k, v) -> values.put(k, v == null ? "" : v));
            }
        }
        if (buildArgList != null && !buildArgList.isBlank()) {
            for (String pair : buildArgList.split(",")) {
                int eq = pair.indexOf('=');
                String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
                if (name.isEmpty()) {
                    // the value is not quoted: it may be a secret
                    throw new MojoFailureException("dockercache.buildArgs: an entry has no name before its '='"
                            + " (expected K=V,K2=V2, or NAME to take the value from the environment).");
                }
                if (eq >= 0 && pair.substring(eq + 1).equals(Secrets.WITHHELD)) {
                    // a printed command was pasted as it stands: the value would go into the keys
                    throw new MojoFailureException("dockercache.buildArgs: " + name + "=" + Secrets.WITHHELD
                            + " stands for a secret value that hints do not print: put the value in its place, or give "
                            + name + " alone to take it from the environment variable " + name + ".");
                }
                if (eq >= 0) {
                    values.put(name, pair.substring(eq + 1));
                } else if (System.getenv(name) != null) { // as docker build: an unset variable gives no build arg
                    values.put(name, System.getenv(name));
                }
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
            throw new MojoFailureException(
                    "dockercache.platform: '" + platform + "' is not one of linux, macos, windows.");
        }
    }

    /** The builder a discovered image's tool uses, unless this plugin's builder is set; else the setting. */
    private Builder builder(MavenProject owner, Image image) throws MojoFailureException {
        Builder discovered =
                image instanceof DiscoveredImageSetting setting ? discoveredBuilder(owner, setting.found) : null;
        return discovered != null ? discovered : builder();
    }

    /** The builder the image's own tool uses, when it is not BuildKit and this plugin's builder is not set. */
    private Builder discoveredBuilder(MavenProject owner, DiscoveredImage found) {
        return found.builder() != null && !ProjectScope.setsParameter(owner, session, "builder", "dockercache.builder")
                ? found.builder()
                : null;
    }

    private Builder builder() throws MojoFailureException {
        try {
            return builder == null || builder.isBlank() ? Builder.BUILDKIT : Builder.fromSetting(builder);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("dockercache.builder: " + e.getMessage() + ".");
        }
    }

    private BuildKitVersion buildkitVersion() throws MojoFailureException {
        try {
            return buildkitVersion == null || buildkitVersion.isBlank()
                    ? BuildKitVersion.NEWEST
                    : BuildKitVersion.fromSetting(buildkitVersion);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("dockercache.buildkitVersion: " + e.getMessage() + ".");
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
