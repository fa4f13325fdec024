package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ports of an EXPOSE as BuildKit checks them, {@code [ip:][hostPort:]containerPort[/proto]}, leaving out the
 * ports BuildKit fails on before it checks them.
 */
final class ExposedPorts {
    private static final Set<String> PROTOCOLS = Set.of("", "tcp", "udp", "sctp");

    private ExposedPorts() {}

    /** A port as written, and its protocol (empty if none). */
    record Port(String written, String protocol, boolean mapped) {}

    static List<Port> of(CheckDispatch.Step step) {
        List<Port> ports = new ArrayList<>();
        step.ports().forEach(port -> port(port, ports));
        return ports;
    }

    private static void port(String port, List<Port> ports) {
        String[] parts = port.split(":", -1);
        String containerPort = parts[parts.length - 1];
        int slash = containerPort.indexOf('/');
        String proto = slash < 0 ? "" : containerPort.substring(slash + 1);
        if (slash == 0 || !PROTOCOLS.contains(proto.toLowerCase(Locale.ROOT))) {
            return;
        }
        boolean mapped = false;
        for (int i = 0; i < parts.length - 1; i++) {
            mapped |= !parts[i].isEmpty();
        }
        ports.add(new Port(port, proto, mapped));
    }
}
