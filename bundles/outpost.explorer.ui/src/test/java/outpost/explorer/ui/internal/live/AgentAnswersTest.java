package outpost.explorer.ui.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
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
        AgentAnswers.Figures read = AgentAnswers.read(ANSWER);

        assertEquals(OptionalDouble.of(12.5), read.cpu());
        assertEquals(OptionalDouble.of(25.0), read.ram());
    }

    @Test
    void aCpuNotSampledYetIsEmptyWhileTheRamIsRead() {
        AgentAnswers.Figures read = AgentAnswers.read(
                "{\"time\":1,\"cpu\":{\"perCorePercent\":[]},\"ram\":{\"usedBytes\":1,\"totalBytes\":4}}");

        assertEquals(OptionalDouble.empty(), read.cpu());
        assertEquals(OptionalDouble.of(25.0), read.ram());
    }

    @Test
    void readsEachFileSystemsUseAndTheTrafficOfEveryInterfaceButLoopback() {
        AgentAnswers.Figures read = AgentAnswers.read("{\"time\":1,\"disks\":[{\"mount\":\"/\",\"usedBytes\":90,\"totalBytes\":100},"
                + "{\"mount\":\"/home\",\"usedBytes\":1,\"totalBytes\":4},{\"mount\":\"/gone\",\"usedBytes\":0,\"totalBytes\":0}],"
                + "\"net\":[{\"name\":\"lo\",\"rxBytesPerSecond\":5000.0,\"txBytesPerSecond\":5000.0},"
                + "{\"name\":\"eth0\",\"rxBytesPerSecond\":1500.5,\"txBytesPerSecond\":300.0},"
                + "{\"name\":\"wlan0\",\"rxBytesPerSecond\":100.0,\"txBytesPerSecond\":0.0}]}");

        assertEquals(Map.of("/", 90.0, "/home", 25.0), read.diskPercents());
        assertEquals(OptionalDouble.of(1900.5), read.networkBytesPerSecond());
    }

    @Test
    void onlyLoopbackIsNoNetworkFigure() {
        AgentAnswers.Figures read = AgentAnswers.read(
                "{\"time\":1,\"net\":[{\"name\":\"lo\",\"rxBytesPerSecond\":1.0,\"txBytesPerSecond\":1.0}]}");

        assertEquals(OptionalDouble.empty(), read.networkBytesPerSecond());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "CPU: 12.5 % used, 8 logical cores (4 physical)", "unknown command 'metrics', try help",
            "{\"time\":1}", "{\"time\":1,\"cpu\":{\"totalPercent\":250.0},\"ram\":{\"usedBytes\":3,\"totalBytes\":2}}",
            "{\"time\":1,\"ram\":{\"usedBytes\":1,\"totalBytes\":0}}", "[1,2]" })
    void givesNothingForAnswersItCannotRead(String answer) {
        assertEquals(AgentAnswers.Figures.NONE, AgentAnswers.read(answer));
    }

    @Test
    void nullIsUnreadableToo() {
        assertEquals(AgentAnswers.Figures.NONE, AgentAnswers.read(null));
    }
}
