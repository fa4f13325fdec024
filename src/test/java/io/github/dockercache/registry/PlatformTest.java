package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlatformTest {
    @Test
    void normalisesAliasesAndTheArm64Variant() throws Exception {
        assertEquals(Platform.DEFAULT, Platform.parse(null));
        assertEquals(Platform.parse("linux/arm64"), Platform.parse("Linux/aarch64/v8"));
        assertEquals(Platform.DEFAULT, Platform.parse("linux/x86_64"));
        assertEquals("linux/arm/v7", Platform.parse("linux/arm/v7").toString());
    }

    @Test
    void aVariantIsRequiredOnlyWhenAsked() throws Exception {
        Platform armV7 = Platform.of("linux", "arm", "v7");
        assertTrue(Platform.parse("linux/arm").accepts(armV7));
        assertTrue(Platform.parse("linux/arm/v7").accepts(armV7));
        assertFalse(Platform.parse("linux/arm/v6").accepts(armV7));
        assertFalse(Platform.parse("windows/amd64").accepts(Platform.DEFAULT));
    }

    @Test
    void rejectsMalformedPlatforms() {
        ImageResolutionException error = assertThrows(ImageResolutionException.class, () -> Platform.parse("amd64"));
        assertEquals(
                "invalid platform \"amd64\"; write it as os/architecture[/variant], such as linux/amd64 or "
                        + "linux/arm64/v8",
                error.getMessage());
    }
}
