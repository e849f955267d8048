package outpost.explorer.ui.internal.live;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the numbers the live columns need out of the agent's text answers to {@code cpu} and
 * {@code ram} (the lines "CPU: 12.5 % used, ..." and "RAM: 1.2 GiB used of 7.7 GiB (15.6 %), ...").
 * Anything else, e.g. "n/a (sampling)" while the agent's first CPU sample is pending, or an older
 * agent's wording, gives an empty value: the column then shows '?' rather than a wrong number.
 */
public final class AgentAnswers {

    private static final String NUMBER = "([0-9]+(?:[.,][0-9]+)?)";
    private static final Pattern CPU = Pattern.compile("(?im)^\\s*CPU\\s*:\\s*" + NUMBER + "\\s*%");
    private static final Pattern RAM_PERCENT = Pattern.compile("(?im)^\\s*RAM\\s*:[^\\n(]*\\(\\s*" + NUMBER + "\\s*%\\s*\\)");
    private static final String SIZE = NUMBER + "\\s*(B|KiB|MiB|GiB|TiB|PiB|KB|MB|GB|TB|PB)";
    private static final Pattern RAM_SIZES = Pattern.compile("(?im)^\\s*RAM\\s*:\\s*" + SIZE + "\\s+used\\s+of\\s+" + SIZE);
    private static final Map<String, Integer> POWERS = Map.of("b", 0, "kib", 1, "mib", 2, "gib", 3, "tib", 4, "pib", 5,
            "kb", 1, "mb", 2, "gb", 3, "tb", 4);

    private AgentAnswers() {
    }

    /** Total CPU load in percent from a {@code cpu} answer. */
    public static OptionalDouble cpuPercent(String answer) {
        Matcher matcher = CPU.matcher(answer == null ? "" : answer);
        return matcher.find() ? percent(matcher.group(1)) : OptionalDouble.empty();
    }

    /** RAM in use in percent from a {@code ram} answer: its percentage, else computed from used and total. */
    public static OptionalDouble ramPercent(String answer) {
        String text = answer == null ? "" : answer;
        Matcher matcher = RAM_PERCENT.matcher(text);
        if (matcher.find()) {
            return percent(matcher.group(1));
        }
        matcher = RAM_SIZES.matcher(text);
        if (matcher.find()) {
            double used = bytes(matcher.group(1), matcher.group(2));
            double total = bytes(matcher.group(3), matcher.group(4));
            if (total > 0 && used <= total) {
                return OptionalDouble.of(100 * used / total);
            }
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble percent(String number) {
        double value = Double.parseDouble(number.replace(',', '.'));
        return value >= 0 && value <= 100 ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    private static double bytes(String number, String unit) {
        String key = unit.toLowerCase(Locale.ROOT);
        int base = key.contains("i") || key.equals("b") ? 1024 : 1000;
        return Double.parseDouble(number.replace(',', '.')) * Math.pow(base, POWERS.get(key));
    }
}
