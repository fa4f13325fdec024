package io.github.dockercache.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuildKitVersionTest {
    @ParameterizedTest
    @ValueSource(strings = {"0.22", "v0.22", " 0.22.3 ", "v0.22.0"})
    void aReleaseIsReadWithOrWithoutItsVAndPatch(String setting) {
        assertEquals("0.22", BuildKitVersion.fromSetting(setting).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.12", "0.26", "1.0", "28", "latest", ""})
    void anUnmodelledReleaseIsRefusedWithTheSupportedRange(String setting) {
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> BuildKitVersion.fromSetting(setting));
        assertEquals(
                "'" + setting + "' is not a supported BuildKit version: use one from 0.13 to 0.25, the release"
                        + " your Docker engine runs (Docker 28 has 0.25, Docker 26 has 0.13)",
                refused.getMessage());
    }
}
