package io.github.dockercache.model;

import io.github.dockercache.dockerfile.BuildKitVersion;
import java.util.regex.Pattern;

/**
 * What BuildKit keys of COPY/ADD {@code --chmod} and {@code --chown} (and of the USER that owns a WORKDIR's
 * directory): the values it parsed, not the spellings (copy-chmod-spellings, copy-chown-spellings).
 */
final class CopyFlags {
    /** The grammar of BSD setmode(3) that BuildKit's mode parser accepts: {@code [ugoa]*([-+=][rstwxXugo]*)+}, comma-separated. */
    private static final Pattern SYMBOLIC_MODE =
            Pattern.compile("[augo]*([-+=][rstwXxugo]*)+(,[augo]*([-+=][rstwXxugo]*)+)*");

    private static final Pattern OCTAL = Pattern.compile("[0-7]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");
    private static final long MAX_UINT32 = 0xFFFF_FFFFL;

    private CopyFlags() {}

    /** BuildKit's error for a value {@link #chmodKey} refuses. */
    static final class InvalidChmod extends Exception {
        InvalidChmod(String message) {
            super(message);
        }
    }

    /**
     * The key of an expanded {@code --chmod}: an octal mode as its number ({@code 0755} = {@code 755}), a symbolic
     * mode as written (0.20 and later), empty for none. BuildKit 0.13 to 0.16 ignore a value that is not octal, as
     * if the flag were absent; 0.17 and later refuse it with the message of the exception.
     */
    static String chmodKey(String value, BuildKitVersion version) throws InvalidChmod {
        if (value == null || value.isEmpty()) {
            return "";
        }
        Long octal = parseOctal(value);
        if (octal != null && (octal <= 07777 || !version.rejectsInvalidChmod())) {
            return Long.toOctalString(octal);
        }
        if (!version.rejectsInvalidChmod()) {
            return ""; // strconv.ParseUint failed: no mode is set at all
        }
        String notOctal = "invalid chmod parameter: '" + value + "'. it should be octal string and between 0 and 07777";
        char first = value.charAt(0);
        if (octal != null || !version.acceptsSymbolicChmod() || first >= '0' && first <= '9') {
            throw new InvalidChmod(notOctal); // the mode parser's own number error is reported as this one
        }
        if (!SYMBOLIC_MODE.matcher(value).matches()) {
            throw new InvalidChmod("invalid syntax");
        }
        return value;
    }

    /** Go's {@code strconv.ParseUint(value, 8, 32)}, or null where it fails. */
    private static Long parseOctal(String value) {
        if (!OCTAL.matcher(value).matches()) {
            return null;
        }
        long result = 0;
        for (int i = 0; i < value.length(); i++) {
            result = result * 8 + (value.charAt(i) - '0');
            if (result > MAX_UINT32) {
                return null;
            }
        }
        return result;
    }

    /**
     * The key of an expanded {@code --chown} ({@code user[:group]}), as BuildKit's {@code llb.WithUser} parses it:
     * {@code root} and decimal numbers become ids ({@code root:root} = {@code 0:0}, {@code 01000} = {@code 1000}),
     * anything else stays a name and is never looked up in /etc/passwd for the key. Empty for none.
     */
    static String chownKey(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int colon = value.indexOf(':');
        return colon < 0 ? owner(value) : owner(value.substring(0, colon)) + ":" + owner(value.substring(colon + 1));
    }

    /** An id as its decimal number; a name (which never parses as one) as written. */
    private static String owner(String part) {
        if (part.equals("root")) {
            return "0";
        }
        if (!DECIMAL.matcher(part).matches()) {
            return part;
        }
        try {
            return Integer.toString(Integer.parseInt(part)); // Go's ParseInt(s, 10, 32): a sign, ASCII digits
        } catch (NumberFormatException e) {
            return part; // out of range: a name
        }
    }
}
