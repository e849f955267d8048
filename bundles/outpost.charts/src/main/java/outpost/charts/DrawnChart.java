package outpost.charts;

import java.util.List;
import java.util.Optional;

/**
 * What a chart showed at its last paint, in words: its title, legend entries ("name value"), the
 * labels of both axes, the readout under the pointer and a message in place of lines ("No data
 * yet"). For tests and accessibility tools, which cannot read pixels.
 */
public record DrawnChart(String title, List<String> legend, List<String> timeLabels, List<String> valueLabels,
        Optional<String> hover, Optional<String> message) {

    /** Before the first paint. */
    public static final DrawnChart NONE = new DrawnChart("", List.of(), List.of(), List.of(), Optional.empty(),
            Optional.empty());
}
