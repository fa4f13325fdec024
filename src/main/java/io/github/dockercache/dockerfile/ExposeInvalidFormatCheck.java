package io.github.dockercache.dockerfile;

import java.util.List;

/** ExposeInvalidFormat: EXPOSE names the container's port only, without an IP address or a host port. */
final class ExposeInvalidFormatCheck implements BuildCheck.OfStep {
    @Override
    public String name() {
        return BuildChecks.EXPOSE_INVALID_FORMAT;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.Step step, List<ParseWarning> warnings) {
        for (ExposedPorts.Port port : ExposedPorts.of(step)) {
            if (port.mapped()) {
                warnings.add(warning(
                        input,
                        step.location(),
                        "EXPOSE instruction should not define an IP address" + " or host-port mapping, found '"
                                + port.written() + "'"));
            }
        }
    }
}
