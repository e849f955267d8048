package outpost.console.ui.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The percentages in the agent's answers to {@code cpu} ("CPU: 12.5 % used, ...") and {@code ram}
 * ("RAM: 3.1 GiB used of 15.5 GiB (20.0 %), ..."); NaN when the answer has none (e.g. the CPU is
 * still being sampled just after the agent started).
 */
final class MetricReadings {

    private static final Pattern CPU = Pattern.compile("^CPU: (\\d+(?:\\.\\d+)?) % used", Pattern.MULTILINE);
    private static final Pattern RAM = Pattern.compile("^RAM: .*?\\((\\d+(?:\\.\\d+)?) %\\)", Pattern.MULTILINE);

    private MetricReadings() {
    }

    static double cpuPercent(String cpuAnswer) {
        return percent(CPU.matcher(cpuAnswer));
    }

    static double ramPercent(String ramAnswer) {
        return percent(RAM.matcher(ramAnswer));
    }

    private static double percent(Matcher matcher) {
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
