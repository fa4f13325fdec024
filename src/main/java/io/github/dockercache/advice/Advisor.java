package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.model.Analysis;
import io.github.dockercache.model.BuildSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the cache-hygiene rules over one build: the Dockerfile, the context as BuildKit receives it and
 * the snapshot computed from both. Each rule is documented in {@code docs/rules.md} under its id.
 */
public final class Advisor {
    private static final List<Rule> RULES = List.of(
            new BroadCopyBeforeDependenciesRule(),
            new ManifestsAfterInstallRule(),
            new EarlyArgRule(),
            new SeparateAptUpdateRule(),
            new PrebuiltJarRule(),
            new UnreadContextRule(),
            new NoisyPathsCopiedRule(),
            new BuildFilesCopiedRule(),
            new UnpinnedBaseImageRule(),
            new UncheckedRemoteAddRule(),
            new FloatingSyntaxRule(),
            new SecretInLayerRule());

    /**
     * The rules that read only the Dockerfile's text and instructions, which {@link #adviseDockerfile} runs without a
     * context; the others judge the context as sent or the computed steps.
     */
    static final Set<String> DOCKERFILE_ONLY = Set.of(
            EarlyArgRule.ID,
            SeparateAptUpdateRule.ID,
            UnpinnedBaseImageRule.ID,
            UncheckedRemoteAddRule.ID,
            FloatingSyntaxRule.ID);

    /** Line findings in line order, then findings about context paths; ties keep the rules' own order. */
    private static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.line() == 0)
            .thenComparingInt(Finding::line)
            .thenComparing(Finding::ruleId);

    private Advisor() {}

    /**
     * The ignore lines to suggest for leaving out what {@code lines} leave out, checked as the rules check theirs
     * (docs/rules.md, "Advice never breaks the build"): the lines themselves when no COPY, ADD or bind-mount source of
     * any stage, target or other Dockerfile reading the same ignore file loses a path it names; else narrowed with
     * {@code !} exceptions for those sources; empty when no such lines leave anything out. A fix elsewhere that tells
     * the user to ignore a path (an explanation's "add target/ to .dockerignore") should offer only these. What a
     * broad copy ({@code COPY . .}) brings along is not judged: the caller must know the path is noise (build output,
     * logs), not something a later RUN reads.
     */
    public static Optional<List<String>> safeIgnoreLines(Analysis analysis, BuildSettings build, List<String> lines) {
        return new AdviceInput(analysis, build, null).needs().exclude(lines).map(ContextNeeds.Exclusion::lines);
    }

    /** Every rule id, sorted. */
    public static List<String> ruleIds() {
        return RULES.stream().map(Rule::id).sorted().toList();
    }

    /**
     * The findings of every rule not in {@code disabledRules} and not suppressed by a
     * {@code # dockercache:ignore=} comment, in a deterministic order.
     *
     * @param analysis the build as analysed: Dockerfile, its text, context and snapshot
     * @param build what the analysis was made from (the Dockerfile on disk, build args, target, builder)
     * @param outputDirectory the plugin's own output directory, which never draws advice; null for none
     * @param disabledRules rule ids to skip, in any case
     * @throws IllegalArgumentException when {@code disabledRules} names an unknown rule
     */
    public static List<Finding> advise(
            Analysis analysis, BuildSettings build, Path outputDirectory, Set<String> disabledRules) {
        return advise(new AdviceInput(analysis, build, outputDirectory), disabledIds(disabledRules), RULES);
    }

    /**
     * The findings of the rules that need nothing but the Dockerfile ({@link #contextRuleIds()} are left out), not
     * disabled and not suppressed, in the order of {@link #advise}: for linting a Dockerfile without its context.
     *
     * @param text the Dockerfile as read, which {@code dockerfile} was parsed from
     * @param build the build args and BuildKit release the file was parsed with (its context is not read)
     * @throws IllegalArgumentException when {@code disabledRules} names an unknown rule
     */
    public static List<Finding> adviseDockerfile(
            Dockerfile dockerfile, String text, BuildSettings build, Set<String> disabledRules) {
        List<Rule> rules = RULES.stream()
                .filter(rule -> DOCKERFILE_ONLY.contains(rule.id()))
                .toList();
        return advise(new AdviceInput(dockerfile, text, build), disabledIds(disabledRules), rules);
    }

    /** The ids of the rules that need the build context or the computed steps, sorted. */
    public static List<String> contextRuleIds() {
        return ruleIds().stream().filter(id -> !DOCKERFILE_ONLY.contains(id)).toList();
    }

    /**
     * The rule ids, upper-cased and stripped.
     *
     * @throws IllegalArgumentException when one names no rule, with the ids there are
     */
    public static Set<String> disabledIds(Set<String> disabledRules) {
        Set<String> disabled = new TreeSet<>();
        disabledRules.forEach(id -> disabled.add(id.strip().toUpperCase(Locale.ROOT)));
        Set<String> unknown = new TreeSet<>(disabled);
        ruleIds().forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown dockercache rule id " + String.join(", ", unknown)
                    + "; the rules are " + String.join(", ", ruleIds()));
        }
        return disabled;
    }

    private static List<Finding> advise(AdviceInput input, Set<String> disabled, List<Rule> rules) {
        Suppressions suppressions = Suppressions.of(input.dockerfile(), input.text());
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            if (!disabled.contains(rule.id())) {
                rule.check(input).stream()
                        .filter(f -> !suppressions.suppresses(f))
                        .filter(f -> Rewrites.keepsBuilding(input, f.edits())) // a rule's unsure rewrite stays unsaid
                        .forEach(findings::add);
            }
        }
        findings.sort(ORDER); // stable: equal keys keep the rule's order
        return List.copyOf(findings);
    }
}
