package io.github.dockercache.dockerfile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BuildKit release the predictions are for: its built-in Dockerfile frontend decides which flags exist and how
 * an unknown one is worded, and its cache rules changed between releases (Docker 28 ships 0.25, Docker 26 ships
 * 0.13). Each rule that differs names the first release with the newer behaviour, from BuildKit's history.
 *
 * @param minor the {@code N} of release {@code 0.N}
 */
public record BuildKitVersion(int minor) {
    /** The oldest release modelled: Docker 26's. */
    public static final BuildKitVersion OLDEST = new BuildKitVersion(13);
    /** The newest release modelled, and the default: Docker 28's. */
    public static final BuildKitVersion NEWEST = new BuildKitVersion(25);

    private static final Pattern SETTING = Pattern.compile("v?0\\.(\\d{1,3})(\\.\\d+)?");

    /**
     * Reads a setting: {@code 0.25}, also {@code v0.25} or {@code 0.25.1} (a patch release keeps its minor's rules).
     * The message of the exception says which values are accepted.
     */
    public static BuildKitVersion fromSetting(String value) {
        String text = value.strip();
        Matcher parts = SETTING.matcher(text);
        if (parts.matches()) {
            BuildKitVersion version = new BuildKitVersion(Integer.parseInt(parts.group(1)));
            if (version.minor >= OLDEST.minor && version.minor <= NEWEST.minor) {
                return version;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a supported BuildKit version: use one from "
                + OLDEST + " to " + NEWEST + ", the release your Docker engine runs (Docker 28 has " + NEWEST
                + ", Docker 26 has " + OLDEST + ")");
    }

    /** SOURCE_DATE_EPOCH stamps the directory a WORKDIR creates, so it is part of its key (dockerfile 1.16, 0.22). */
    public boolean workdirHonoursSourceDateEpoch() {
        return minor >= 22;
    }

    /**
     * COPY/ADD {@code --chmod} that is not octal, or above 07777, fails the build (0.17); before, a value that is not
     * octal was ignored (the files keep their modes) and a larger one was taken as it is.
     */
    public boolean rejectsInvalidChmod() {
        return minor >= 17;
    }

    /** COPY/ADD {@code --chmod} takes a symbolic mode such as {@code u+x} (dockerfile 1.14, 0.20). */
    public boolean acceptsSymbolicChmod() {
        return minor >= 20;
    }

    /**
     * The build definition is marshalled with Go's protobuf library, which refuses a string that is not UTF-8 (0.17;
     * before, gogo protobuf marshalled any bytes): a RUN command holding such bytes fails the build.
     */
    public boolean requiresUtf8Commands() {
        return minor >= 17;
    }

    /** {@code ADD --checksum} takes a git source, whose commit it must name (0.22). */
    public boolean acceptsGitChecksum() {
        return minor >= 22;
    }

    /** How BuildKit refuses {@code ADD --checksum} of a source it does not take. */
    public String checksumSourceError() {
        return minor >= 22
                ? "checksum requires HTTP(S) or Git sources"
                : minor >= 15
                        ? "checksum can't be specified for non-HTTP(S) sources"
                        : "checksum can't be specified for non-HTTP sources";
    }

    /** {@code COPY --exclude} is a flag of the built-in frontend, no longer labs only (dockerfile 1.19, 0.25). */
    boolean copyExcludeIsStable() {
        return minor >= 25;
    }

    /** {@code RUN --device} exists (0.20; the built-in frontend of earlier releases does not know it). */
    boolean hasRunDevice() {
        return minor >= 20;
    }

    /** An unknown flag is named with its dashes, {@code unknown flag: --parents} (0.17; before: {@code parents}). */
    boolean namesUnknownFlagsWithDashes() {
        return minor >= 17;
    }

    /**
     * A stage that only an ONBUILD trigger copies or mounts from is built too (0.17); before, such a trigger fails
     * unless the stage is built for another reason.
     */
    public boolean onbuildTriggersAddStages() {
        return minor >= 17;
    }

    /**
     * {@code COPY --from} refuses a word that variable expansion would change (0.24); before, it is taken for an image
     * name, which fails to parse.
     */
    boolean rejectsVariablesInCopyFrom() {
        return minor >= 24;
    }

    /**
     * A global ARG declared without a value, and given no build arg, leaves the value before it: an earlier global
     * ARG's, or an automatic platform arg's (0.17); before, it set the name to nothing, for FROM lines and for the
     * stages that declare it again.
     */
    public boolean keepsGlobalArgWithoutValue() {
        return minor >= 17;
    }

    /**
     * How BuildKit refuses a FROM whose {@code --platform} expands to nothing (0.14 names the expression; 0.13 fails
     * to parse it, quoting the pattern with its backslashes doubled).
     */
    public String emptyPlatformError(String expression) {
        return minor >= 14
                ? "empty platform value from expression " + expression
                : "failed to parse platform : \"\" is an invalid OS component of \"\": OSAndVersion specifier component"
                        + " must match \"^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.-]*)\\\\))?$\": invalid argument";
    }

    /** {@code 0.25}. */
    @Override
    public String toString() {
        return "0." + minor;
    }
}
