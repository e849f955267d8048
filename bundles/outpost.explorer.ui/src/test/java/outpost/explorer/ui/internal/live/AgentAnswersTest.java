package outpost.explorer.ui.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentAnswersTest {

    /** Written as the agent's metrics command writes it (docs/METRICS.md). */
    private static final String ANSWER = "{\"time\":1796626800123,\"cpu\":{\"totalPercent\":12.5,\"perCorePercent\":[10.0,15.0]},"
            + "\"ram\":{\"usedBytes\":2147483648,\"totalBytes\":8589934592}}";

    @Test
    void readsTheTotalCpuAndTheRamInUse() {
        AgentAnswers.Percentages read = AgentAnswers.read(ANSWER);

        assertEquals(OptionalDouble.of(12.5), read.cpu());
        assertEquals(OptionalDouble.of(25.0), read.ram());
    }

    @Test
    void aCpuNotSampledYetIsEmptyWhileTheRamIsRead() {
        AgentAnswers.Percentages read = AgentAnswers.read(
                "{\"time\":1,\"cpu\":{\"perCorePercent\":[]},\"ram\":{\"usedBytes\":1,\"totalBytes\":4}}");

        assertEquals(OptionalDouble.empty(), read.cpu());
        assertEquals(OptionalDouble.of(25.0), read.ram());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "CPU: 12.5 % used, 8 logical cores (4 physical)", "unknown command 'metrics', try help",
            "{\"time\":1}", "{\"time\":1,\"cpu\":{\"totalPercent\":250.0},\"ram\":{\"usedBytes\":3,\"totalBytes\":2}}",
            "{\"time\":1,\"ram\":{\"usedBytes\":1,\"totalBytes\":0}}", "[1,2]" })
    void givesNothingForAnswersItCannotRead(String answer) {
        assertEquals(AgentAnswers.Percentages.NONE, AgentAnswers.read(answer));
    }

    @Test
    void nullIsUnreadableToo() {
        assertEquals(AgentAnswers.Percentages.NONE, AgentAnswers.read(null));
    }
}
