package io.github.dockercache.report;

import io.github.dockercache.compare.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A group of steps counted by how they look: {@code 6 steps: 3 cached, 2 rebuilt, 1 unknown}. */
final class LaneSummary {
    private LaneSummary() {}

    static String of(List<StepResult> steps) {
        List<String> counts = new ArrayList<>();
        for (VerdictLook look : VerdictLook.values()) {
            long count =
                    steps.stream().filter(step -> VerdictLook.of(step) == look).count();
            if (count > 0) {
                counts.add(count + " " + look.label.toLowerCase(Locale.ROOT));
            }
        }
        return (steps.size() == 1 ? "1 step" : steps.size() + " steps") + ": " + String.join(", ", counts);
    }
}
