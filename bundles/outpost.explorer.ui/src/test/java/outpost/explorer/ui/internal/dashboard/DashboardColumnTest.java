package outpost.explorer.ui.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import outpost.explorer.ui.internal.live.AgentAnswers;
import outpost.explorer.ui.internal.live.LiveState;
import outpost.servers.Server;

class DashboardColumnTest {

    @Test
    void theFullestDiskShowsItsUseAndMountPoint() {
        DashboardRow row = online("db", 10, Map.of("/", 40.0, "/var", 93.14), 0);

        assertEquals("93.1 % /var", DashboardColumn.DISK.text(row));
    }

    @Test
    void networkRatesAreInBinaryUnits() {
        assertEquals("512 B/s", DashboardColumn.rate(OptionalDouble.of(512)));
        assertEquals("1.5 KiB/s", DashboardColumn.rate(OptionalDouble.of(1536)));
        assertEquals("2.0 MiB/s", DashboardColumn.rate(OptionalDouble.of(2 * 1024 * 1024)));
        assertEquals("", DashboardColumn.rate(OptionalDouble.empty()));
    }

    @Test
    void aNearlyFullDiskPutsAQuietServerFirst() {
        List<DashboardRow> rows = new ArrayList<>(List.of(online("busy", 70, Map.of("/", 20.0), 0),
                online("full", 5, Map.of("/", 97.0), 0), online("idle", 1, Map.of("/", 10.0), 0)));

        rows.sort(DashboardColumn.WORST_FIRST);

        assertEquals(List.of("full", "busy", "idle"), rows.stream().map(DashboardRow::serverText).toList());
    }

    private static DashboardRow online(String name, double cpu, Map<String, Double> disks, double network) {
        AgentAnswers.Figures figures = new AgentAnswers.Figures(OptionalDouble.of(cpu), OptionalDouble.of(10), disks,
                OptionalDouble.of(network));
        return new DashboardRow(new Server(name, name + ".invalid", 7531, ""), LiveState.online(figures, Duration.ofMillis(1)),
                false, new float[0]);
    }
}
