package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.Dockerfile;
import io.github.dockercache.dockerfile.Instruction;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code # dockercache:ignore=DC101,DC203} comments: above an instruction they silence those rules for
 * that instruction; in the file's first comment block they silence them for the whole file. Words after
 * the ids (a reason) are allowed.
 */
final class Suppressions {
    private static final Pattern IGNORE =
            Pattern.compile("^dockercache:ignore\\s*=\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z]{2}[0-9]{3}");

    private final Set<String> fileWide;
    private final Map<Integer, Set<String>> byLine;

    private Suppressions(Set<String> fileWide, Map<Integer, Set<String>> byLine) {
        this.fileWide = fileWide;
        this.byLine = byLine;
    }

    static Suppressions of(Dockerfile dockerfile, String text) {
        Map<Integer, Set<String>> byLine = new HashMap<>();
        for (Instruction instruction : dockerfile.allInstructions()) {
            Set<String> ids = ids(instruction.source().comments());
            if (!ids.isEmpty()) {
                byLine.put(instruction.source().location().line(), ids);
            }
        }
        return new Suppressions(ids(firstCommentBlock(text)), byLine);
    }

    boolean suppresses(Finding finding) {
        return fileWide.contains(finding.ruleId())
                || byLine.getOrDefault(finding.line(), Set.of()).contains(finding.ruleId());
    }

    /** The comment lines at the very top of the file, up to the first line that is not a comment. */
    private static List<String> firstCommentBlock(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return body.lines()
                .map(String::strip)
                .takeWhile(line -> line.startsWith("#"))
                .map(line -> line.substring(1).strip())
                .toList();
    }

    private static Set<String> ids(Collection<String> comments) {
        Set<String> ids = new TreeSet<>();
        for (String comment : comments) {
            Matcher ignore = IGNORE.matcher(comment.strip());
            if (!ignore.matches()) {
                continue;
            }
            for (String word : ignore.group(1).split("[,\\s]+")) {
                if (RULE_ID.matcher(word).matches()) {
                    ids.add(word.toUpperCase(Locale.ROOT));
                }
            }
        }
        return ids;
    }
}
