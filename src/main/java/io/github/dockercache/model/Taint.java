package io.github.dockercache.model;

import io.github.dockercache.dockerfile.VariableLookup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Follows secret values through one analysis. Variables are marked secret by name (or by the user's list) and by
 * derivation: every expansion that reads a secret variable yields a secret value. The lookups this hands out count
 * those reads, so that the model can tell, around any expansion, whether its result is secret. Every secret text
 * seen is remembered, to take it out of messages that quote Dockerfile words.
 */
final class Taint {
    /** Texts shorter than this are scrubbed only where they stand alone. */
    static final int SHORT = 6;

    private static final String ALONE_BEFORE = "(?<![\\p{L}\\p{N}])";
    private static final String ALONE_AFTER = "(?![\\p{L}\\p{N}])";
    private final Secrets secrets;
    private final Set<String> texts = new HashSet<>();
    /** Any of {@link #texts}, longest first; null until needed after a new one. */
    private Pattern anyText;

    private long reads;

    Taint(Secrets secrets) {
        this.secrets = secrets;
    }

    Secrets secrets() {
        return secrets;
    }

    /** The variables of {@code values}, counting each read of one that {@code secret} names. */
    VariableLookup lookup(VariableLookup values, Set<String> secret) {
        return name -> {
            String value = values.get(name);
            if (value != null && secret.contains(name)) {
                reads++;
                remember(value);
            }
            return value;
        };
    }

    /** How many secret values have been read so far: an expansion read one when this moved across it. */
    long reads() {
        return reads;
    }

    /** Keeps a secret text, to scrub it from messages. */
    void remember(String text) {
        if (text != null && !text.isEmpty() && texts.add(text)) {
            anyText = null;
        }
    }

    /** True when secret values can be compared: a key is configured. */
    boolean canCompare() {
        return secrets.key() != null;
    }

    /** A secret value as it may be written. */
    String mask(String value) {
        return secrets.mask(value);
    }

    /**
     * {@code message} with every secret text remembered replaced by {@link Secrets#WITHHELD}, longest first. A text
     * shorter than {@link #SHORT} is replaced only where it stands alone (no letter or digit beside it): taken out of
     * the middle of words ({@code f<secret>iled}) it would read back from the gaps it leaves, and garble the message.
     */
    String scrub(String message) {
        if (message == null || texts.isEmpty()) {
            return message;
        }
        if (anyText == null) {
            List<String> longestFirst = new ArrayList<>(texts);
            longestFirst.sort(Comparator.comparingInt(String::length).reversed());
            // one pass, so that a secret that is part of the marker does not break the markers already put in
            anyText = Pattern.compile(longestFirst.stream()
                    .map(text -> text.length() < SHORT
                            ? ALONE_BEFORE + Pattern.quote(text) + ALONE_AFTER
                            : Pattern.quote(text))
                    .collect(Collectors.joining("|")));
        }
        return anyText.matcher(message).replaceAll(Matcher.quoteReplacement(Secrets.WITHHELD));
    }
}
