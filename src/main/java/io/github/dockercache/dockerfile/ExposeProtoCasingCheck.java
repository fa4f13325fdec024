package io.github.dockercache.dockerfile;

import java.util.List;
import java.util.Locale;

/** ExposeProtoCasing: the protocol of an EXPOSEd port ({@code 80/tcp}) should be lower case. */
final class ExposeProtoCasingCheck implements BuildCheck.OfStep {
    @Override
    public String name() {
        return BuildChecks.EXPOSE_PROTO_CASING;
    }

    @Override
    public void check(CheckInput input, CheckDispatch.Step step, List<ParseWarning> warnings) {
        for (ExposedPorts.Port port : ExposedPorts.of(step)) {
            if (!port.protocol().equals(port.protocol().toLowerCase(Locale.ROOT))) {
                warnings.add(warning(
                        input,
                        step.location(),
                        "Defined protocol '" + port.written() + "' in EXPOSE instruction should be lowercase"));
            }
        }
    }
}
