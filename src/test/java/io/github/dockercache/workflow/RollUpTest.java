package io.github.dockercache.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dockercache.report.ReportLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollUpTest {
    @Test
    void oneRowPerImageNamesLeftCountsRight() {
        List<String> lines = RollUp.table(
                        "Images of the reactor (dockercache:check):",
                        List.of(
                                new RollUp.Row("shop", null, null, "no image"),
                                new RollUp.Row("app-a", "jvm", new Tally(12, true, 9, 2, 1, 1), "fails"),
                                new RollUp.Row(
                                        "app-b", "docker/Dockerfile", new Tally(2, false, 0, 0, 0, 0), "no baseline")))
                .stream()
                .map(ReportLine::text)
                .toList();
        assertEquals(
                List.of(
                        "Images of the reactor (dockercache:check):",
                        "   module  image              steps  cached  rebuilt  unknown  stable rebuilt  verdict",
                        "   shop    -                      -       -        -        -               -  no image",
                        "   app-a   jvm                   12       9        2        1               1  fails",
                        "   app-b   docker/Dockerfile      2       -        -        -               -  no baseline"),
                lines);
    }
}
