package io.github.dockercache.dockerfile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Go's {@code time.ParseDuration}, for the HEALTHCHECK interval flags. */
final class GoDuration {
    private static final Map<String, BigDecimal> NANOS_PER_UNIT = Map.of(
            "ns", BigDecimal.ONE,
            "us", BigDecimal.valueOf(1_000L),
            "\u00B5s", BigDecimal.valueOf(1_000L),
            "\u03BCs", BigDecimal.valueOf(1_000L),
            "ms", BigDecimal.valueOf(1_000_000L),
            "s", BigDecimal.valueOf(1_000_000_000L),
            "m", BigDecimal.valueOf(60_000_000_000L),
            "h", BigDecimal.valueOf(3_600_000_000_000L));
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {}

    /** Nanoseconds of {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+}, or the bare {@code 0}. */
    static long parseNanos(String text) throws LineError {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            boolean hasInteger = i > numberStart;
            boolean hasFraction = false;
            if (i < s.length() && s.charAt(i) == '.') {
                int fractionStart = ++i;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    i++;
                }
                hasFraction = i > fractionStart;
            }
            if (!hasInteger && !hasFraction) {
                throw invalid(text);
            }
            String number = s.substring(numberStart, i);
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw new LineError("time: missing unit in duration " + GoText.quote(text));
            }
            String unit = s.substring(unitStart, i);
            BigDecimal nanosPerUnit = NANOS_PER_UNIT.get(unit);
            if (nanosPerUnit == null) {
                throw new LineError("time: unknown unit " + GoText.quote(unit) + " in duration " + GoText.quote(text));
            }
            total = total.add(new BigDecimal(number.startsWith(".") ? "0" + number : number).multiply(nanosPerUnit));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw invalid(text);
        }
        return negative ? -nanos.longValue() : nanos.longValue();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static LineError invalid(String text) {
        return new LineError("time: invalid duration " + GoText.quote(text));
    }
}
