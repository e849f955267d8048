package outpost.agent.internal.commands;

/** Durations as people read them: "3 days, 04:05:06". */
final class Durations {

    private Durations() {
    }

    static String human(long totalSeconds) {
        long days = totalSeconds / 86_400;
        long rest = totalSeconds % 86_400;
        String clock = Decimals.twoDigits(rest / 3600) + ":" + Decimals.twoDigits(rest % 3600 / 60) + ":" + Decimals.twoDigits(rest % 60);
        return days == 0 ? clock : days + (days == 1 ? " day, " : " days, ") + clock;
    }
}
