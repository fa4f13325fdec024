package io.github.dockercache.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AdviceTest {
    private static final String HASHED = "; COPY --chmod does not help: BuildKit hashes the source mode";

    @Test
    void anExecutableBitChangeNamesTheFileAndTheWayBack() {
        assertEquals(
                "the executable bit was set (if that was not meant: chmod -x run.sh, and git update-index"
                        + " --chmod=-x run.sh where git records it)" + HASHED
                        + " (a build from Windows also sends every file as 0755)",
                Advice.forModeChange("run.sh", "0644", "0755"));
        assertEquals(
                "the executable bit was cleared (if that was not meant: chmod +x 'bin/my tool', and git"
                        + " update-index --chmod=+x 'bin/my tool' where git records it)" + HASHED,
                Advice.forModeChange("bin/my tool", "0755", "0644"));
        assertEquals(
                "the executable bit was set (if that was not meant: chmod -x run.sh)" + HASHED,
                Advice.forModeChange("run.sh", "0744", "0754"));
        assertEquals(
                "the executable bit was changed (if that was not meant: chmod 0745 run.sh)" + HASHED,
                Advice.forModeChange("run.sh", "0745", "0754"));
    }

    /** A checkout under umask 002 (0664) whose pom.xml was made executable: the x bit is named, and the umask too. */
    @Test
    void anExecutableBitSetUnderAnotherUmaskNamesBoth() {
        assertEquals(
                "the executable bit was set (if that was not meant: chmod -x pom.xml, and git update-index"
                        + " --chmod=-x pom.xml where git records it)" + HASHED
                        + " (a build from Windows also sends every file as 0755); the group/other write bits differ"
                        + " too, as a different umask at checkout leaves them: use the same umask (022) wherever the"
                        + " image is built",
                Advice.forModeChange("pom.xml", "0664", "0755"));
    }

    @Test
    void aUmaskDifferenceAloneHasNoAdviceHere() {
        assertNull(Advice.forModeChange("pom.xml", "0644", "0664"));
    }
}
