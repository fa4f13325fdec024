package io.github.dockercache.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the leading {@code --flag} words off an instruction's arguments. Quotes and the escape
 * character are processed inside them; a lone {@code --} ends the flags and is dropped.
 *
 * <p>BuildKit scans this part byte by byte, so a non-ASCII flag value comes out re-encoded (each UTF-8
 * byte read as a Latin-1 character) and bytes 0x85/0xA0 count as spaces; the scan therefore runs over
 * {@link GoText#toByteView the byte view} of the text.
 */
final class BuilderFlagSplitter {
    private BuilderFlagSplitter() {}

    /** The flags, and the text after them. */
    record Result(List<String> flags, String rest) {}

    static Result split(String text, char escape) {
        String line = GoText.toByteView(text);
        List<String> flags = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean blankOk = false;
        char quote = 0;
        for (int pos = 0; pos < line.length(); pos++) {
            char ch = line.charAt(pos);
            boolean last = pos + 1 == line.length();
            if (!inWord) {
                if (GoText.isSpace(ch)) {
                    continue;
                }
                if (ch != '-' || last || line.charAt(pos + 1) != '-') {
                    return new Result(flags, GoText.fromByteView(line.substring(pos)));
                }
                inWord = true;
            }
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                    continue;
                }
                if (ch == escape) {
                    if (last) {
                        quote = 0;
                        continue;
                    }
                    ch = line.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            if (GoText.isSpace(ch)) {
                if (word.toString().equals("--")) {
                    return new Result(flags, GoText.fromByteView(line.substring(pos)));
                }
                if (blankOk || word.length() > 0) {
                    flags.add(word.toString());
                }
                word.setLength(0);
                inWord = false;
                blankOk = false;
                continue;
            }
            if (ch == '\'' || ch == '"') {
                quote = ch;
                blankOk = true;
                continue;
            }
            if (ch == escape) {
                if (last) {
                    continue;
                }
                ch = line.charAt(++pos);
            }
            word.append(ch);
        }
        if (inWord && !word.toString().equals("--") && (blankOk || word.length() > 0)) {
            flags.add(word.toString());
        }
        return new Result(flags, "");
    }
}
