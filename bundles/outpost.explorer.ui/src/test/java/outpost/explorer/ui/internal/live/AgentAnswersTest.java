package outpost.explorer.ui.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentAnswersTest {

    /** Written as the agent's CpuCommand writes it. */
    private static final String CPU = """
            CPU: 12.5 % used, 8 logical cores (4 physical)
            Model: Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz
            Load average: 0.52 0.61 0.70
            core 0: 10.0 %  core 1: 15.0 %  core 2: 3.1 %  core 3: 100.0 %""";

    /** Written as the agent's RamCommand writes it. */
    private static final String RAM = "RAM: 5.9 GiB used of 15.5 GiB (38.1 %), 9.6 GiB available\nSwap: 0 B used of 2.0 GiB";

    @Test
    void readsTheTotalCpuLoadNotACoreOrTheModel() {
        assertEquals(OptionalDouble.of(12.5), AgentAnswers.cpuPercent(CPU));
        assertEquals(OptionalDouble.of(100.0), AgentAnswers.cpuPercent("CPU: 100.0 % used, 1 logical cores (1 physical)"));
        assertEquals(OptionalDouble.of(3.0), AgentAnswers.cpuPercent("\r\n  cpu:3,0% used"), "tolerates case, spaces, decimal comma");
    }

    @Test
    void readsTheRamPercentageNotTheSwap() {
        assertEquals(OptionalDouble.of(38.1), AgentAnswers.ramPercent(RAM));
    }

    @Test
    void computesTheRamPercentageFromSizesWhenItIsMissing() {
        OptionalDouble percent = AgentAnswers.ramPercent("RAM: 512.0 MiB used of 2.0 GiB (n/a), 1.5 GiB available");
        assertTrue(percent.isPresent());
        assertEquals(25.0, percent.getAsDouble(), 1e-9);
        assertEquals(50.0, AgentAnswers.ramPercent("RAM: 1 GB used of 2 GB").getAsDouble(), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "CPU: n/a (sampling) used, 8 logical cores (4 physical)", "unknown command 'cpu', try help",
            "Model: CPU: fast", "core 0: 10.0 %", "CPU: 250 % used" })
    void givesNothingForCpuAnswersItCannotRead(String answer) {
        assertEquals(OptionalDouble.empty(), AgentAnswers.cpuPercent(answer));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "RAM: n/a", "Swap: 0 B used of 2.0 GiB (0.0 %)", "RAM: 3 GiB used of 2 GiB",
            "RAM: 1 GiB used of 0 B", "RAM: lots used of plenty" })
    void givesNothingForRamAnswersItCannotRead(String answer) {
        assertEquals(OptionalDouble.empty(), AgentAnswers.ramPercent(answer));
    }

    @Test
    void nullIsUnreadableToo() {
        assertEquals(OptionalDouble.empty(), AgentAnswers.cpuPercent(null));
        assertEquals(OptionalDouble.empty(), AgentAnswers.ramPercent(null));
    }
}
