package io.github.dockercache.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dockercache.compare.StabilityPolicy;
import io.github.dockercache.context.ClientPlatform;
import io.github.dockercache.context.ScanProgress;
import io.github.dockercache.dockerfile.BuildKitVersion;
import io.github.dockercache.model.BuildSettings;
import io.github.dockercache.model.Builder;
import io.github.dockercache.model.SecretKey;
import io.github.dockercache.model.Secrets;
import io.github.dockercache.report.ReportLine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four secret build args, with ordinary and unusual names, routed through ENV, WORKDIR, RUN and ARG defaults: no
 * value, and no prefix of an unkeyed digest of one, is in any file the goals write or any line they print; with a key,
 * a changed secret is still found and named by its arg only (docs/secrets.md).
 */
class SecretLeakTest {
    private static final Map<String, String> SECRETS = Map.of(
            "DB_PASS", "hunter2",
            "GITHUB_PAT", "1234",
            "NPM_TOKEN", "npm_Zq8vLk2Wx",
            "SIGNING_PHRASE", "correct-horse-battery");
    /** Values the Dockerfile derives from them. */
    private static final List<String> DERIVED = List.of("app:hunter2@db", "ci:1234@git", "/srv/correct-horse-battery");

    private static final SecretKey KEY = SecretKey.of("k3y-for-tests-0123456789abcdef");

    @TempDir
    Path dir;

    private Path context() throws Exception {
        Path context = Files.createDirectories(dir.resolve("app"));
        Files.writeString(
                context.resolve("Dockerfile"),
                String.join(
                        "\n",
                        "FROM busybox:1.36 AS deps",
                        "ARG NPM_TOKEN",
                        "RUN echo \"//registry.example/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci",
                        "",
                        "FROM busybox:1.36",
                        "ARG DB_PASS",
                        "ARG GITHUB_PAT",
                        "ARG SIGNING_PHRASE",
                        "ARG REPO_URL=https://ci:${GITHUB_PAT}@git.example/app.git",
                        "ENV CONN=postgres://app:${DB_PASS}@db",
                        "WORKDIR /srv/${SIGNING_PHRASE}",
                        "COPY --from=deps /app /app",
                        "COPY a.txt ./",
                        "RUN ./migrate \"$REPO_URL\"",
                        ""));
        Files.writeString(context.resolve("a.txt"), "a");
        return context;
    }

    private Goals request(Path context, Map<String, String> buildArgs, SecretKey key) {
        BuildSettings build = new BuildSettings(
                context,
                context.resolve("Dockerfile"),
                buildArgs,
                null,
                ClientPlatform.LINUX,
                null,
                Builder.BUILDKIT,
                BuildKitVersion.NEWEST,
                Secrets.of(List.of("SIGNING_PHRASE"), key));
        Path baseline = context.resolve(".dockercache/baseline.json");
        return Goals.of(
                new ImageRequest(
                        build,
                        context.resolve("target/dockercache"),
                        StabilityPolicy.defaults(),
                        ScanProgress.NONE,
                        false,
                        List.of(),
                        List.of(),
                        TestHints.at(context)),
                baseline,
                ".dockercache/baseline.json");
    }

    private static Map<String, String> values(String dbPass) {
        Map<String, String> values = new LinkedHashMap<>(SECRETS);
        values.put("DB_PASS", dbPass);
        return values;
    }

    /** Every goal's lines, checked as they come. */
    private final List<String> printed = new ArrayList<>();

    private Outcome run(Outcome outcome) {
        outcome.lines().stream().map(ReportLine::text).forEach(printed::add);
        if (outcome.failure() != null) {
            printed.add(outcome.failure());
        }
        return outcome;
    }

    private static String text(Outcome outcome) {
        return String.join("\n", outcome.lines().stream().map(ReportLine::text).toList());
    }

    @Test
    void withoutAKeyNothingSecretIsWrittenOrPrintedAndTheStepsAreNotCompared() throws Exception {
        Path context = context();
        run(BaselineWorkflow.record(request(context, values("hunter2"), null).baseline()));
        Outcome unchanged =
                run(Workflow.check(request(context, values("hunter2"), null).compare(), null));
        Outcome changed =
                run(Workflow.check(request(context, values("hunter3"), null).compare(), null));
        run(Workflow.explain(request(context, values("hunter3"), null).compare()));
        for (Outcome outcome : List.of(unchanged, changed)) {
            assertNull(outcome.failure(), "not compared is not a failure");
            String text = text(outcome);
            assertTrue(text.contains("depends on a secret"), text);
            assertFalse(
                    Pattern.compile("(?m)^ +\\S+ +(RUN|WORKDIR|COPY) .* cached ")
                            .matcher(text)
                            .find(),
                    "a step that depends on a secret is never cached:\n" + text);
        }
        assertNothingLeaked(context);
    }

    @Test
    void withAKeyAChangedSecretIsFoundAndNamedByItsArgOnly() throws Exception {
        Path context = context();
        run(BaselineWorkflow.record(request(context, values("hunter2"), KEY).baseline()));
        Outcome unchanged =
                run(Workflow.check(request(context, values("hunter2"), KEY).compare(), null));
        assertNull(unchanged.failure());
        assertTrue(String.join("\n", printed).contains("0 rebuilt"), String.join("\n", printed));
        Outcome changed =
                run(Workflow.check(request(context, values("hunter3"), KEY).compare(), null));
        String text = text(changed);
        assertTrue(text.contains("build arg DB_PASS changed; it depends on a secret, so its value is not shown"), text);
        assertTrue(text.contains("Build args differ from the baseline: DB_PASS changed (a secret)."), text);
        String report = Files.readString(context.resolve("target/dockercache/check.json"));
        assertTrue(report.contains("\"subject\": \"DB_PASS\""), report);
        run(Workflow.explain(request(context, values("hunter3"), KEY).compare()));
        assertNothingLeaked(context);
    }

    @Test
    void aBaselineRecordedWithTheKeyAndCheckedWithoutItCallsNothingRebuilt() throws Exception {
        Path context = context();
        run(BaselineWorkflow.record(request(context, values("hunter2"), KEY).baseline()));
        Outcome check =
                run(Workflow.check(request(context, values("hunter2"), null).compare(), null));
        String text = text(check);
        assertTrue(text.contains("7 steps: 2 cached, 0 rebuilt (0 stable), 5 unknown"), text);
        assertTrue(
                text.contains("the working directory depends on a secret and cannot be compared: no secret key is"
                        + " configured"),
                text);
        assertNothingLeaked(context);
    }

    @Test
    void anErrorInAWordThatReadsASecretDoesNotQuoteIt() throws Exception {
        Path context = context();
        Files.writeString(
                context.resolve("Dockerfile"),
                "FROM busybox:1.36\nARG DB_PASS\nARG UNSET\n" + "WORKDIR /${UNSET:?${DB_PASS}}\n");
        WorkflowException e = assertThrows(
                WorkflowException.class,
                () -> Workflow.check(request(context, values("hunter2"), KEY).compare(), null));
        for (Throwable t = e; t != null; t = t.getCause()) {
            printed.add(t.getMessage());
        }
        assertNothingLeaked(context, List.of());
    }

    @Test
    void aBaselineWithTheDigestsOfAnEarlierVersionIsReportedAndRecordedAfresh() throws Exception {
        Path context = context();
        run(BaselineWorkflow.record(request(context, values("hunter2"), null).baseline()));
        run(BaselineWorkflow.record(request(context, values("hunter2"), null).baseline()));
        Path baseline = context.resolve(".dockercache/baseline.json");
        // what versions before the taint tracking wrote: a 48-bit prefix of the value's unsalted SHA-256
        Files.writeString(baseline, Files.readString(baseline).replace("\"<secret>\"", "\"<redacted f52fbd32b2b3>\""));
        String warning = "The baseline .dockercache/baseline.json holds secret values in a form that can be reversed"
                + " by guessing (DB_PASS, GITHUB_PAT, NPM_TOKEN, SIGNING_PHRASE, deps:2 env:NPM_TOKEN, stage-1:2 path,"
                + " stage-1:4 dest, stage-1:5 env:CONN, stage-1:5 env:DB_PASS, stage-1:5 env:GITHUB_PAT, stage-1:5"
                + " env:REPO_URL, stage-1:5 env:SIGNING_PHRASE, stage-1:5 workdir), written by an earlier dockercache"
                + " or before these build args were secret: ";
        Outcome check = Workflow.check(request(context, values("hunter2"), KEY).compare(), null);
        assertTrue(
                check.lines().stream()
                        .anyMatch(
                                line -> line.level() == ReportLine.Level.WARN
                                        && line.text()
                                                .equals(
                                                        warning
                                                                + "record it again with mvn dockercache:baseline, and rotate those"
                                                                + " secrets, since the file and its history in version control keep them (docs/secrets.md).")),
                check.lines().toString());
        assertTrue(
                check.lines().stream()
                        .noneMatch(line -> line.text().matches(" +\\S+ +(RUN|WORKDIR|COPY) .* rebuilt.*")),
                "nothing changed, so nothing may be called rebuilt: " + check.lines());
        Outcome recorded =
                BaselineWorkflow.record(request(context, values("hunter2"), KEY).baseline());
        String afresh = warning.substring(warning.indexOf(" holds")) + "it is recorded afresh, without the history"
                + " computed from them";
        assertTrue(
                recorded.lines().stream().anyMatch(line -> line.text().contains(afresh)),
                recorded.lines().toString());
        assertTrue(
                recorded.lines().stream().anyMatch(line -> line.text().endsWith("it remembers 1 build).")),
                recorded.lines().toString());
        assertFalse(Files.readString(baseline).contains("redacted"));
    }

    /** No value or derived value in clear, no 8-hex prefix of a SHA-256, SHA-1 or MD5 of one, anywhere. */
    private void assertNothingLeaked(Path context) throws Exception {
        assertNothingLeaked(
                context,
                List.of(
                        ".dockercache/baseline.json",
                        "target/dockercache/snapshot.json",
                        "target/dockercache/check.json",
                        "target/dockercache/check.html",
                        "target/dockercache/summary.md",
                        "target/dockercache/dockercache.sarif",
                        "target/dockercache/dockercache-junit.xml",
                        "target/dockercache/stat-cache.json"));
    }

    /** As {@link #assertNothingLeaked(Path)}, where {@code expected} are among the files written. */
    private void assertNothingLeaked(Path context, List<String> expected) throws Exception {
        List<String> clear = new ArrayList<>(SECRETS.values());
        clear.add("hunter3");
        clear.addAll(DERIVED);
        List<Pattern> forbidden = new ArrayList<>();
        for (String value : clear) {
            // a short number stands alone; as part of a longer hex or decimal run it is no leak
            forbidden.add(
                    value.matches("\\d+")
                            ? Pattern.compile("(?<![0-9A-Za-z])" + value + "(?![0-9A-Za-z])")
                            : Pattern.compile(Pattern.quote(value)));
            for (String algorithm : List.of("SHA-256", "SHA-1", "MD5")) {
                byte[] digest = MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8));
                forbidden.add(Pattern.compile("(?i)" + HexFormat.of().formatHex(digest, 0, 4)));
            }
        }
        Map<String, String> written = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(context)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                written.put(context.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        written.remove("Dockerfile");
        written.remove("a.txt");
        assertTrue(written.keySet().containsAll(expected), written.keySet().toString());
        written.put("(console)", String.join("\n", printed));
        for (Map.Entry<String, String> file : written.entrySet()) {
            for (Pattern pattern : forbidden) {
                assertFalse(
                        pattern.matcher(file.getValue()).find(),
                        () -> file.getKey() + " holds " + pattern + ":\n" + file.getValue());
            }
        }
        assertEquals(
                List.of(),
                printed.stream()
                        .filter(line -> line.toLowerCase(Locale.ROOT).contains("redacted"))
                        .toList());
    }
}
