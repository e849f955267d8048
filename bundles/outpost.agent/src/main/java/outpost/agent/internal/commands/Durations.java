package outpost.agent.internal.commands;

/** Durations as people read them: "3 days, 04:05:06". */
final class Durations {

    private Durations() {
    }

    static String human(long totalSeconds) {
        long days = totalSeconds / 86_400;
        long rest = totalSeconds % 86_400;
        String clock = String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60);
        return days == 0 ? clock : days + (days == 1 ? " day, " : " days, ") + clock;
    }
}
