package io.github.dockercache.compare;

import io.github.dockercache.files.ShellWord;
import io.github.dockercache.model.StepSnapshot;
import java.util.List;

/** One line of advice per kind of cause, where there is a known fix. */
final class Advice {
    static final String PIN_BASE_IMAGE =
            "pin the base image by digest (FROM image@sha256:...) so that it moves only when you move it";
    static final String PIN_SOURCE_IMAGE =
            "pin the image by digest (COPY --from=image@sha256:...) so that it moves only when you move it";
    static final String LINE_ENDINGS =
            "line endings differ between checkouts: pin them in .gitattributes (e.g. '* text=auto eol=lf') or set"
                    + " git config core.autocrlf=input, so every machine sends the same bytes";
    static final String REPRODUCIBLE_ARCHIVES =
            "build reproducible archives: set <project.build.outputTimestamp> in the pom (maven-jar-plugin 3.2+),"
                    + " so an unchanged build produces the same bytes";
    static final String MAVEN_ARCHIVER_STAMP =
            "Maven's archiver wrote this date: set <project.build.outputTimestamp> in the pom (maven-jar-plugin 3.2+),"
                    + " so it writes the same file on every build";
    static final String GIT_COMMIT_ID_STAMP =
            "git-commit-id-maven-plugin wrote the build time: set <project.build.outputTimestamp> in the pom (the"
                    + " plugin then writes it as git.build.time), or leave the time out with"
                    + " <excludeProperties><excludeProperty>git.build.time</excludeProperty></excludeProperties>";
    static final String SPRING_BOOT_BUILD_INFO_STAMP =
            "spring-boot-maven-plugin's build-info goal wrote the build time: set <project.build.outputTimestamp> in"
                    + " the pom (build.time defaults to it), or <time>off</time> in the goal's configuration";
    static final String GENERATED_FILE_STAMP =
            "this file is generated with the build time: have its generator write a fixed time (Maven plugins read"
                    + " <project.build.outputTimestamp>), or keep it out of the image: add it to .dockerignore or narrow"
                    + " the COPY to what the image needs";
    static final String RESTAMPED_LIBRARIES =
            "these libraries hold the same entries as before, built again with new build times (a SNAPSHOT of a"
                    + " sibling module, built anew): set <project.build.outputTimestamp> in the poms that build them, so"
                    + " that an unchanged library keeps its bytes";
    static final String SOURCE_DATE_EPOCH = "keep SOURCE_DATE_EPOCH fixed between builds, or unset it for local builds";

    static final String SECRET_MOUNT =
            "pass the secret with RUN --mount=type=secret,id=NAME,env=NAME (docker build --secret id=NAME,env=NAME): a"
                    + " secret mount is in no cache key and no image history";
    static final String SECRET_KEY =
            "configure the same secret key (DOCKERCACHE_SECRET_KEY, or the build tool's credentials) where the"
                    + " baseline is recorded and where it is checked, and record the baseline again (docs/secrets.md)";
    static final String RECORD_BASELINE = "record the baseline again (or publish a new one) with this version";

    private Advice() {}

    /**
     * A RUN that does not use the variable is rebuilt only because the ARG is declared above it. What reads it above
     * the RUN and makes no step (EXPOSE, LABEL, an ENV) has to move down with the declaration.
     */
    static String declareArgLater(String variable, StepSnapshot step) {
        return step.place().instruction() + " at line " + step.place().line() + " does not use " + variable
                + "; declare ARG "
                + variable + " just before the first step that uses it, below this one (with any EXPOSE, LABEL or ENV"
                + " above it that reads " + variable + "), so that the steps above keep their cache";
    }

    /** The fix for a text file that differs only in build-time stamps: the option of the tool that writes it. */
    static String forBuildTimestamps(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return switch (name) {
            case "pom.properties" -> MAVEN_ARCHIVER_STAMP;
            case "git.properties", "git.json" -> GIT_COMMIT_ID_STAMP;
            case "build-info.properties" -> SPRING_BOOT_BUILD_INFO_STAMP;
            default -> GENERATED_FILE_STAMP;
        };
    }

    /**
     * Advice for a changed path that usually should not be in the build context at all; none to ignore a directory
     * that one of the step's {@code sources} names, since the step copies from it on purpose (Quarkus and Spring Boot
     * images copy from {@code target/}).
     */
    static String forPath(String path, List<String> sources) {
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        // the step copies that directory on purpose: ignoring it would break the build
        boolean named = path.contains("/")
                && sources.stream()
                        .map(source -> source.replaceFirst("^(\\./)+", "").replaceFirst("^/+", ""))
                        .anyMatch(source -> source.equals(first) || source.startsWith(first + "/"));
        String ignoreDirectory = named
                ? null
                : switch (first) {
                    case ".git" -> "add .git to .dockerignore: every commit changes it";
                    case "target", "build", "node_modules" ->
                        "add " + first + "/ to .dockerignore: build output changes on every build";
                    case ".idea", ".vscode", ".settings" ->
                        "add " + first + "/ to .dockerignore: IDE files change while you work";
                    default -> null;
                };
        if (ignoreDirectory != null) {
            return ignoreDirectory;
        }
        if (path.endsWith(".log")) {
            return "add *.log to .dockerignore";
        }
        if (path.equals("Dockerfile") || path.endsWith(".dockerignore")) {
            return "add " + path + " to .dockerignore: BuildKit reads it anyway, and COPY . then copies it";
        }
        return null;
    }

    /**
     * For an entry the ignore file now excludes: whether that is what the line is for.
     *
     * @param line where the ignore file excludes it ({@code .dockerignore line 3})
     */
    static String forExcluded(String path, String line) {
        return "expected if " + line + " is meant to keep it out of the build; if the step needs it, narrow that line"
                + " or re-include it with !" + path;
    }

    /** The group and other write bits: a checkout leaves them as its umask says, as git does not record them. */
    private static final int UMASK_BITS = 0022;

    /** True when two modes (octal text) differ, and only in {@link #UMASK_BITS}. */
    static boolean onlyUmaskBitsDiffer(String before, String after) {
        int changed = Integer.parseInt(before, 8) ^ Integer.parseInt(after, 8);
        return changed != 0 && (changed & ~UMASK_BITS) == 0;
    }

    /**
     * Advice for a mode-only change: usually the x bit, or a different umask at checkout; null for the umask bits alone,
     * whose unknown reason says what to do.
     */
    static String forModeChange(String path, String before, String after) {
        int then = Integer.parseInt(before, 8);
        int now = Integer.parseInt(after, 8);
        int changed = then ^ now;
        if (onlyUmaskBitsDiffer(before, after)) {
            return null;
        }
        int executable = changed & 0111;
        // a checkout under umask 002 (0664) with a script made executable (0775): the x bit is what was done
        if (executable != 0 && (changed & ~(0111 | UMASK_BITS)) == 0) {
            String file = ShellWord.of(path);
            String what;
            String restore;
            if ((now & executable) == executable) {
                what = "set";
                restore = "chmod -x " + file;
            } else if ((then & executable) == executable) {
                what = "cleared";
                restore = "chmod +x " + file;
            } else {
                what = "changed";
                restore = "chmod " + before + " " + file;
            }
            // git records the owner's x bit alone
            String git = (executable & 0100) == 0
                    ? ""
                    : ", and git update-index --chmod=" + ((then & 0100) != 0 ? "+x " : "-x ") + file
                            + " where git records it";
            return "the executable bit was " + what + " (if that was not meant: " + restore + git
                    + "); COPY --chmod does not help: BuildKit hashes the source mode"
                    + (now == 0755 ? " (a build from Windows also sends every file as 0755)" : "")
                    + ((changed & UMASK_BITS) == 0
                            ? ""
                            : "; the group/other write bits differ too, as a different umask at checkout leaves them:"
                                    + " use the same umask (022) wherever the image is built");
        }
        if ((changed & UMASK_BITS) != 0) {
            return "group/other write bits differ, as a different umask at checkout leaves them; use the same"
                    + " umask (022) wherever the image is built";
        }
        return "BuildKit hashes mode bits; keep them the same wherever the image is built";
    }
}
