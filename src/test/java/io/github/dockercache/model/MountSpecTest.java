package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cache id BuildKit keeps in a RUN's key ({@code solver/llbsolver/ops/exec.go} {@code checkShouldClearCacheOpts}
 * and the frontend's {@code <namespace>/<id>} naming, {@code convert_runmount.go @ v0.25.0}).
 */
class MountSpecTest {
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "type=cache;target=/cache,                       '',   /,  //cache", // the default: kept
            "type=cache;target=/cache,                       ns,   /,  ns//cache",
            "type=cache;target=/cache;sharing=shared,        ns,   /,  ns//cache",
            "type=cache;target=/cache;sharing=locked,        ns,   /,  -", // not shared: cleared
            "type=cache;target=/cache;id=named,              ns,   /,  -", // its own id: cleared
            "type=cache;target=/cache;id=/cache,             ns,   /,  ns//cache", // an id that is the target
            "type=cache;target=/cache;id=cache,              '',   /,  /cache",
            "type=cache;target=/cache,                       a/b,  /,  -", // the part after the first slash differs
            "type=cache;target=/cache/,                      ns,   /,  -", // the target is not cleaned, the id is
            "type=cache;target=cache,                        '',   /w, -", // a relative target joins the WORKDIR
            "type=cache;target=cache,                        /w,   /w, /w/cache",
            "type=bind;target=/cache,                        ns,   /,  -"})
    void keyedCacheId(String mount, String namespace, String workdir, String keyed) {
        assertEquals(keyed, MountSpec.parse(mount.replace(';', ',')).keyedCacheId(namespace, workdir));
    }
}
