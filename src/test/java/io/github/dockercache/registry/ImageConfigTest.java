package io.github.dockercache.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageConfigTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);

    private static ImageConfig withLayers(List<String> diffIds) {
        return new ImageConfig(List.of(), "linux", "amd64", "", diffIds, "", "", List.of());
    }

    @Test
    void chainIdFollowsTheOciImageSpec() {
        // ChainID(A) = A; ChainID(A|B) = sha256(A + " " + B); ChainID(A|B|C) = sha256(ChainID(A|B) + " " + C)
        assertEquals(A, withLayers(List.of(A)).chainId());
        assertEquals(
                "sha256:ccd722928bd92476ba1745586fed6e45a102504185ad88cd89e01ff116fd146c",
                withLayers(List.of(A, B)).chainId());
        assertEquals(
                "sha256:c1377126441fb2f5ec2c21ae2a60255331d639e830f0ee1b40a36e52d4c40588",
                withLayers(List.of(A, B, C)).chainId());
    }

    @Test
    void anImageWithoutLayersHasNoChainId() {
        assertNull(withLayers(List.of()).chainId(), "BuildKit then keys the image on its manifest alone");
    }
}
