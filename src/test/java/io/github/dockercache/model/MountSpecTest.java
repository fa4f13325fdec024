package io.github.dockercache.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cache id BuildKit keeps in a RUN's key ({@code solver/llbsolver/ops/exec.go} {@code checkShouldClearCacheOpts}
 * and the frontend's {@code <namespace>/<id>} naming, {@code convert_runmount.go @ v0.25.0}).
 */
class MountSpecTest {
    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
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
                "type=bind;target=/cache,                        ns,   /,  -"
            })
    void keyedCacheId(String mount, String namespace, String workdir, String keyed) {
        assertEquals(keyed, MountSpec.parse(mount.replace(';', ',')).keyedCacheId(namespace, workdir));
    }

    /**
     * Secret and ssh mounts are keyed by the {@code SecretOpt} and {@code SSHOpt} the frontend and the LLB client
     * build, with every default written in (dockerfile2llb {@code convert_secrets.go}, {@code convert_ssh.go},
     * client/llb {@code exec.go}); a tmpfs size by the bytes go-units reads. Found by the generated pairs
     * {@code run-mount-ssh-0-2}, {@code run-mount-ssh-0-3}, {@code run-mount-bind-0-3}, {@code run-mount-from-0-3}:
     * the engines reuse the step, the plugin said rebuilt. A bind source is keyed as the cleaned path it selects.
     */
    @ParameterizedTest
    @CsvSource({
        "type=ssh,                                    type=ssh;required=false",
        "type=ssh,                                    type=ssh;mode=0600",
        "type=ssh,                                    type=ssh;mode=600;uid=0;gid=0",
        "type=ssh,                                    type=ssh;target=/run/buildkit/ssh_agent.0",
        "type=secret;id=s,                            type=secret;id=s;target=/run/secrets/s",
        "type=secret;id=s,                            type=secret;target=/run/secrets/s",
        "type=secret;id=s,                            type=secret;source=s",
        "type=secret;id=s,                            type=secret;id=s;required=false;mode=0400;uid=0;gid=0",
        "type=secret;id=s,                            type=secret;id=s;ro",
        "type=tmpfs;target=/t;size=1m,                type=tmpfs;target=/t;size=1048576",
        "type=tmpfs;target=/t;size=1m,                type=tmpfs;target=/t;size=1MiB",
        "type=bind;source=d;target=/b,                type=bind;source=d/;target=/b",
        "type=bind;source=d;target=/b,                type=bind;source=./d;target=/b",
        "type=bind;source=d;target=/b,                type=bind;source=d/.;target=/b",
        "type=bind;from=s;target=/b,                  type=bind;from=s;source=/;target=/b",
        "type=bind;from=s;target=/b,                  type=bind;from=s;source=.;target=/b"
    })
    void sameKey(String written, String respelled) {
        assertEquals(
                MountSpec.parse(written.replace(';', ',')).canonical(false),
                MountSpec.parse(respelled.replace(';', ',')).canonical(false));
    }

    @ParameterizedTest
    @CsvSource({
        "type=ssh,                                    type=ssh;required=true",
        "type=ssh,                                    type=ssh;mode=0666",
        "type=ssh,                                    type=ssh;id=other",
        "type=secret;id=s,                            type=secret;id=s;mode=0444",
        "type=secret;id=s,                            type=secret;id=s;target=/x",
        "type=secret;id=s,                            type=secret;id=s;uid=1",
        "type=tmpfs;target=/t;size=1m,                type=tmpfs;target=/t;size=2m",
        "type=bind;source=d;target=/b,                type=bind;source=d/x;target=/b"
    })
    void otherKey(String written, String changed) {
        assertNotEquals(
                MountSpec.parse(written.replace(';', ',')).canonical(false),
                MountSpec.parse(changed.replace(';', ',')).canonical(false));
    }

    @ParameterizedTest
    @CsvSource({"0, type=ssh, target=/run/buildkit/ssh_agent.0", "2, type=ssh, target=/run/buildkit/ssh_agent.2"})
    void secondSshSocketGetsTheNextDefaultPath(int index, String mount, String keyed) {
        assertEquals(true, MountSpec.parse(mount, index).canonical(false).contains(keyed));
    }

    /**
     * The LLB client sorts bind, cache and tmpfs mounts by target and appends secrets and ssh sockets in the order
     * written (client/llb/exec.go): differential scenario {@code run-mount-order}. A relative target is sorted as the
     * path it joins the working directory to.
     */
    @ParameterizedTest
    @CsvSource({
        "type=tmpfs;target=/t | type=cache;target=/c,                  type=cache;target=/c | type=tmpfs;target=/t",
        "type=secret;id=s | type=tmpfs;target=/t,                       type=tmpfs;target=/t | type=secret;id=s",
        "type=bind;source=b;target=/b | type=bind;source=a;target=a,    type=bind;source=a;target=a | type=bind;source=b;target=/b",
        "type=secret;id=u | type=secret;id=s,                           type=secret;id=u | type=secret;id=s"
    })
    void keyedOrder(String written, String keyed) {
        assertEquals(
                List.of(keyed.split(" \\| ")).stream()
                        .map(mount -> MountSpec.parse(mount.replace(';', ',')).canonical(false))
                        .toList(),
                MountSpec.keyedOrder(
                                List.of(written.split(" \\| ")).stream()
                                        .map(mount -> MountSpec.parse(mount.replace(';', ',')))
                                        .toList(),
                                "/")
                        .stream()
                        .map(mount -> mount.canonical(false))
                        .toList());
    }
}
