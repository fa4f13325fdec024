package io.github.dockercache.history;

import java.util.List;

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
public record ImageHistory(String dockerfile, String range, List<CommitResult> commits, String untrackedNote,
        long filesHashed, long treesRead) {}
