package io.github.dockercache.advice;

import io.github.dockercache.dockerfile.ParserDirectives;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DC303: a {@code # syntax=} frontend that floats ({@code docker/dockerfile:1}). A new frontend release
 * can build different LLB for the same Dockerfile and so change step keys (cache-model §8.1, §9 "Frontend
 * upgrade"); a full release or a digest fixes it.
 */
final class FloatingSyntaxRule implements Rule {
    static final String ID = "DC303";
    /** {@code 1}, {@code 1.7}, {@code 1-labs}, {@code 1.7-labs}: versions the frontend image tags move. */
    private static final Pattern PARTIAL_VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(-[a-z]+)?");

    private static final Pattern FULL_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[a-z]+)?");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(AdviceInput input) {
        return ParserDirectives.detectSyntax(input.text())
                .filter(syntax -> isFloating(syntax.value()))
                .map(syntax -> finding(input, syntax))
                .stream()
                .toList();
    }

    private static boolean isFloating(String image) {
        String tag = ImageNames.tag(image);
        return !ImageNames.isPinned(image)
                && (tag == null || !FULL_VERSION.matcher(tag).matches());
    }

    private static Finding finding(AdviceInput input, ParserDirectives.Found syntax) {
        String image = syntax.value();
        String message = "# syntax=" + image + " floats: a new frontend release can key the same steps differently"
                + " and rebuild them";
        int line = Math.max(syntax.line(), 1); // the JSON form has no line of its own
        String written = input.lines(line, line).get(0);
        boolean ownLine = syntax.line() >= 1 && written.contains(image);
        String prefix = ownLine && written.stripLeading().startsWith("//") ? "// " : "# ";
        String pinned =
                prefix + "syntax=" + ImageNames.repository(image) + ":" + fullVersionPattern(ImageNames.tag(image));
        String fix = Fixes.of("pin a full release (the one you build with today) or add its digest", pinned);
        List<Edit> edits = ownLine ? List.of(Edit.DockerfileLines.replace(line, line, List.of(pinned))) : List.of();
        return new Finding(ID, Severity.INFO, input.dockerfile().displayName(), line, null, message, fix, edits);
    }

    /** {@code 1.7} becomes {@code 1.7.<patch>}: the shape of the pin, keeping what the tag already fixes. */
    private static String fullVersionPattern(String tag) {
        Matcher partial = tag == null ? null : PARTIAL_VERSION.matcher(tag);
        if (partial == null || !partial.matches()) {
            return "<major>.<minor>.<patch>";
        }
        String suffix = partial.group(3) == null ? "" : partial.group(3);
        return partial.group(1) + "." + (partial.group(2) == null ? "<minor>" : partial.group(2)) + ".<patch>" + suffix;
    }
}
