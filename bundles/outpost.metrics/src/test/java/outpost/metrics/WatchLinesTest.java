package outpost.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class WatchLinesTest {

    private final List<String> lines = new ArrayList<>();
    private final WatchLines assembler = new WatchLines(lines::add);

    @Test
    void chunksAreNotLinesALineIsHandedOnWhenItsBreakComes() {
        assembler.accept("{\"time\":1");
        assertEquals(List.of(), lines, "half a line waits for the rest");
        assembler.accept("}\n{\"time\":2}\n{\"ti");
        assertEquals(List.of("{\"time\":1}", "{\"time\":2}"), lines);
        assembler.accept("me\":3}");
        assembler.accept("\n");
        assertEquals(List.of("{\"time\":1}", "{\"time\":2}", "{\"time\":3}"), lines);
    }

    @Test
    void aLineWithoutABreakPastAnySamplesSizeIsDroppedAndTheNextOneReadAsUsual() {
        String tenth = "x".repeat(WatchLines.LONGEST_LINE / 10);
        for (int i = 0; i < 11; i++) {
            assembler.accept(tenth);
        }
        assembler.accept("still the overlong line\n{\"time\":4}\n");
        assertEquals(List.of("{\"time\":4}"), lines);
    }
}
