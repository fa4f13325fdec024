package io.github.dockercache.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The parts of a file that build tools rewrite with the build time, as {@link FileInfo#parts()} records them: part name
 * to {@code checksum@stamp}, where the checksum covers what an unchanged build reproduces and the stamp is the time
 * written with it (empty for a part without one). Two versions of a file whose parts differ only in their stamps
 * changed only because it was built again. A jar's parts are its entries (crc32 and modification time); a
 * {@code .properties}, manifest or pretty-printed JSON file's parts are its keys, with the build-time values (Spring Boot's
 * {@code build.time}, git-commit-id's {@code git.build.time}, a {@code timestamp}, a manifest's {@code Build-Time} or
 * {@code Bnd-LastModified})
 * and the date comment {@code Properties.store} writes as stamps.
 */
public final class StampedParts {
    /** Generated key/value files are small; a larger file is summarised by its digest alone. */
    static final long MAX_TEXT_SIZE = 64 * 1024;
    /** The part that holds the date comment {@code java.util.Properties.store} writes ({@code #Sat Nov 22 ...}). */
    public static final String DATE_COMMENT = "date comment";
    /** The part that holds the other comments and blank lines, which carry no stamp. */
    static final String OTHER_LINES = "comments";

    private static final Pattern DATE_COMMENT_LINE = Pattern.compile("#\\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
            + " (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-9]?\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\d{4}");
    /**
     * Keys that hold the time of the build, not of a commit ({@code git.commit.time} is not one); bnd stamps OSGi
     * manifests with {@code Bnd-LastModified}.
     */
    private static final Pattern BUILD_TIME_KEY = Pattern.compile(
            "(?:.*[._-])?(?:build[._-]?(?:time|date|timestamp)|timestamp)|bnd-lastmodified", Pattern.CASE_INSENSITIVE);

    private static final Pattern HAS_DIGIT = Pattern.compile(".*\\d.*");
    /**
     * A JSON member alone on its line, as pretty printers write generated files (git-commit-id's {@code git.json}):
     * the key, and the value without its quotes. Other lines (braces, nested values, one-line JSON) carry no stamp.
     */
    private static final Pattern JSON_MEMBER_LINE =
            Pattern.compile("\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*(\"?)(.*?)\\2\\s*,?\\s*");

    private StampedParts() {}

    /** What a part records, the checksum and the stamp joined by {@code @}. */
    static String part(String checksum, String stamp) {
        return checksum + "@" + stamp;
    }

    /** The part's checksum: equal checksums mean the part is the same but for its stamp. */
    public static String checksum(String part) {
        return part.substring(0, part.indexOf('@'));
    }

    /** The part's stamp: a time (an archive entry's as an ISO instant, a line's as written), or empty. */
    public static String stamp(String part) {
        return part.substring(part.indexOf('@') + 1);
    }

    /** True for the key/value text files generators stamp: {@code *.properties}, {@code MANIFEST.MF} and {@code *.json}. */
    public static boolean isKeyValueText(String path) {
        return endsWithIgnoringCase(path, ".properties")
                || isJson(path)
                || endsWithIgnoringCase(path, "/manifest.mf")
                || path.equalsIgnoreCase("manifest.mf");
    }

    private static boolean isJson(String path) {
        return endsWithIgnoringCase(path, ".json");
    }

    /** {@code endsWith} ignoring ASCII case, without a lower-cased copy: it runs for every file of a context. */
    static boolean endsWithIgnoringCase(String text, String suffix) {
        return text.regionMatches(true, text.length() - suffix.length(), suffix, 0, suffix.length());
    }

    /**
     * The parts of a {@code .properties} or manifest file, or null when it has no stamp or cannot be read: the summary
     * only serves explanations, never keys. Lines are read as bytes (ISO-8859-1), with their line endings, so that a CRLF
     * checkout changes every part and is told apart as such.
     */
    static SortedMap<String, String> ofKeyValueText(Path file) {
        try {
            return ofKeyValueText(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** As {@link #ofKeyValueText(Path)}, for the bytes of a file named {@code fileName} (an archive's entry). */
    static SortedMap<String, String> ofKeyValueText(String fileName, byte[] bytes) {
        boolean json = isJson(fileName);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Map<String, CRC32> checksums = new LinkedHashMap<>();
        Map<String, String> stamps = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            String content = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            String trimmed = content.strip();
            String name;
            String unstamped = line;
            String stamp = "";
            if (DATE_COMMENT_LINE.matcher(trimmed).matches()) {
                name = DATE_COMMENT;
                stamp = trimmed.substring(1).strip();
                unstamped = line.replace(trimmed, "#");
            } else if (json) {
                Matcher member = JSON_MEMBER_LINE.matcher(content);
                name = member.matches() ? member.group(1) : OTHER_LINES;
                if (member.matches()
                        && BUILD_TIME_KEY.matcher(name).matches()
                        && HAS_DIGIT.matcher(member.group(3)).matches()) {
                    stamp = member.group(3);
                    unstamped = content.substring(0, member.start(2)) + line.substring(content.length());
                }
            } else if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                name = OTHER_LINES;
            } else {
                int keyEnd = keyEnd(content);
                name = content.substring(0, keyEnd).strip();
                int valueStart = valueStart(content, keyEnd);
                String value = content.substring(valueStart).strip();
                if (BUILD_TIME_KEY.matcher(name).matches()
                        && HAS_DIGIT.matcher(value).matches()) {
                    stamp = value;
                    unstamped = content.substring(0, valueStart) + line.substring(content.length());
                }
            }
            // a repeated name (a continuation line, a key written twice) folds into one part: no change is lost
            checksums.computeIfAbsent(name, n -> new CRC32()).update(unstamped.getBytes(StandardCharsets.ISO_8859_1));
            stamps.merge(name, stamp, (a, b) -> a.isEmpty() ? b : b.isEmpty() ? a : a + " " + b);
        }
        if (stamps.values().stream().allMatch(String::isEmpty)) {
            return null; // a hand-written file: its digest says all, and baselines stay small (i18n bundles)
        }
        SortedMap<String, String> parts = new TreeMap<>();
        checksums.forEach((name, crc) -> parts.put(name, part(Long.toHexString(crc.getValue()), stamps.get(name))));
        return parts;
    }

    /** Where the key ends: at the first unescaped {@code =}, {@code :} or white space, as {@code Properties} reads it. */
    private static int keyEnd(String line) {
        int start = 0;
        while (start < line.length() && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                return i;
            }
        }
        return line.length();
    }

    /** Where the value starts: after white space, one {@code =} or {@code :}, and white space again. */
    private static int valueStart(String line, int keyEnd) {
        int i = keyEnd;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i < line.length() && (line.charAt(i) == '=' || line.charAt(i) == ':')) {
            i++;
        }
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
