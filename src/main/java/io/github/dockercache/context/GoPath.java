package io.github.dockercache.context;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code path} package functions on {@code /}-separated strings ({@code filepath} on Unix behaves
 * the same). BuildKit and patternmatcher apply them to paths and patterns, so their exact results matter.
 */
public final class GoPath {
    private GoPath() {}

    /** Go {@code path.Clean}: drops empty and {@code .} parts, resolves {@code ..} lexically, no trailing slash. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast(part); // a relative path keeps leading "..", a rooted one stops at "/"
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** Go {@code path.Join}: joins the non-empty elements with {@code /} and cleans; "" when all are empty. */
    public static String join(String... elements) {
        StringBuilder sb = new StringBuilder();
        for (String element : elements) {
            if (element.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(element);
        }
        return sb.length() == 0 ? "" : clean(sb.toString());
    }

    /** Go {@code path.Dir}: everything before the last slash, cleaned ({@code "."} when there is none). */
    public static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return clean(path.substring(0, slash + 1));
    }

    /** Go {@code path.Base}: the last element after dropping trailing slashes; "." for "", "/" for all slashes. */
    public static String base(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.equals("/")) {
            return "/";
        }
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /**
     * BuildKit's {@code containsWildcards} on Unix: true when an unescaped {@code *}, {@code ?} or {@code [}
     * occurs; the character after a backslash never counts.
     */
    public static boolean containsWildcards(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '*' || ch == '?' || ch == '[') {
                return true;
            }
        }
        return false;
    }
}
