package io.github.dockercache.history;

import io.github.dockercache.compare.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history of one image over a range of commits.
 *
 * @param dockerfile the Dockerfile, as reports name it
 * @param range the range replayed, as given ({@code origin/main..HEAD}) or as the last commits ({@code HEAD~50..HEAD})
 * @param commits the commits of the range, oldest first
 * @param untrackedNote when the context holds files git does not track, a sentence naming a few of them; else null
 * @param filesHashed how many distinct file contents were read and hashed
 * @param treesRead how many distinct git trees were listed
 */
public record ImageHistory(
        String dockerfile,
        String range,
        List<CommitResult> commits,
        String untrackedNote,
        long filesHashed,
        long treesRead) {

    /** The commits that could be compared with an earlier one. */
    public List<CommitResult> compared() {
        return commits.stream().filter(c -> c.problem() == null).toList();
    }

    /** The commits that rebuilt a stable layer, oldest first. */
    public List<CommitResult> busting() {
        return commits.stream().filter(c -> c.firstStableRebuilt().isPresent()).toList();
    }

    /** Each step's rebuild rate, by step id, in build order of the newest commit (steps gone since after it). */
    public List<StepRate> rates() {
        Map<String, int[]> counts = new LinkedHashMap<>(); // rebuilt, unknown, compared
        Map<String, StepOutcome> newest = new LinkedHashMap<>();
        List<CommitResult> newestFirst = new ArrayList<>(compared());
        Collections.reverse(newestFirst);
        for (CommitResult commit : newestFirst) {
            for (StepOutcome step : commit.steps()) {
                newest.putIfAbsent(step.stepId(), step);
                int[] count = counts.computeIfAbsent(step.stepId(), id -> new int[3]);
                count[0] += step.verdict() == Verdict.REBUILT ? 1 : 0;
                count[1] += step.verdict() == Verdict.UNKNOWN ? 1 : 0;
                count[2]++;
            }
        }
        return newest.values().stream()
                .map(step -> {
                    int[] count = counts.get(step.stepId());
                    return new StepRate(step.stepId(), step.text(), step.stable(), count[0], count[1], count[2]);
                })
                .toList();
    }
}
