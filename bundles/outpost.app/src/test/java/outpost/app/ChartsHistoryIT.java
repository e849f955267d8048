package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.charts.TimeSeries;
import outpost.charts.TimeSeriesChart;
import outpost.client.AgentSession;
import outpost.client.CommandReply;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.console.ui.ConsoleEditors;
import outpost.servers.Server;

/**
 * A console opened on a real agent that has been sampling for a while shows, at once, what the
 * agent kept from before the console connected, drawn and read under the real pointer; an agent
 * without {@code history} and {@code watch} leaves the charts empty and says why.
 */
class ChartsHistoryIT {

    private static final Pattern READOUT = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d)\ntotal (\\d+\\.\\d) %");
    private static final Pattern FIRST_TIME = Pattern.compile("\"samples\":\\[\\{\"time\":(\\d+)");
    /** How long the agent must have kept samples before the console opens. */
    private static final long KEPT_MILLIS = 20_000;

    private ExtraAgents agents;
    private IWorkbenchPage page;

    @BeforeEach
    void openThePage() throws Exception {
        agents = new ExtraAgents();
        page = activePageWithoutExplorer();
    }

    @AfterEach
    void closeEverything() {
        closeConsolesDialogsAndExplorer(page);
        agents.close();
    }

    @Test
    void onOpeningTheCpuChartHoldsAndDrawsWhatTheAgentKeptBeforeTheConsoleConnected() throws Exception {
        Server server = start(agents.create(), true);
        long opened = System.currentTimeMillis();
        ConsoleEditors.open(page, server);
        Label status = (Label) find(workbenchShell(), "console.status");
        waitUntil("the console connects", () -> "connected".equals(status.getText()), () -> "; status " + status.getText());

        TimeSeriesChart cpu = chart("cpu");
        TimeSeries total = cpu.model().find("total").orElse(null);
        waitUntil("within a few seconds the CPU chart holds the samples the agent kept before the console opened",
                () -> valuesBetween(cpu, opened - KEPT_MILLIS, opened - 5_000) >= 10,
                () -> "; CPU series " + cpu.model().series() + ", values before opening "
                        + valuesBetween(cpu, opened - KEPT_MILLIS, opened - 5_000),
                5_000);
        waitUntil("the chart draws them", () -> cpu.drawn().message().isEmpty() && !cpu.drawn().legend().isEmpty(),
                () -> "; drawn " + cpu.drawn(), 5_000);

        // the real pointer left of the moment the console connected: the line is there, with its value
        Control canvas = cpu.control();
        Optional<Matcher> readout = Optional.empty();
        for (int x = canvas.getSize().x - 6; x > canvas.getSize().x / 2 && readout.isEmpty(); x -= 3) {
            mouseMove(canvas, x, canvas.getSize().y / 2);
            readout = cpu.drawn().hover().map(READOUT::matcher).filter(Matcher::find)
                    .filter(found -> epochMillis(found.group(1)) < opened - 5_000);
        }
        assertTrue(readout.isPresent(), "a value under the pointer from before the console opened; last readout "
                + cpu.drawn().hover() + ", opened at " + LocalTime.ofInstant(Instant.ofEpochMilli(opened), ZoneId.systemDefault())
                + (total == null ? "" : ", " + total));
    }

    @Test
    void anAgentWithoutHistoryAndWatchLeavesTheChartsEmptyAndSaysWhy() throws Exception {
        Predicate<String> older = name -> !name.equals("history") && !name.equals("watch");
        ConsoleEditors.open(page, start(agents.create(older), false));
        Label status = (Label) find(workbenchShell(), "console.status");
        waitUntil("the console connects", () -> "connected".equals(status.getText()), () -> "; status " + status.getText());
        StyledText transcript = (StyledText) find(workbenchShell(), "console.output");

        waitUntil("the console says why the charts stay empty",
                () -> transcript.getText().contains("Charts: this agent keeps no metrics history and has no metrics subscription"),
                transcript::getText);
        for (String id : List.of("cpu", "ram", "network", "disk")) {
            TimeSeriesChart chart = chart(id);
            chart.control().redraw();
            chart.control().update();
            assertEquals(Optional.of("No data yet"), chart.drawn().message(), id + ": " + chart.drawn());
        }
    }

    /**
     * Starts the agent, stores its token for the console and pins its certificate (so the console
     * connects without asking), and waits until the agent has kept {@link #KEPT_MILLIS} of samples:
     * its history began when the framework started, which may have been a moment ago.
     */
    private Server start(Agent agent, boolean keepsHistory) throws Exception {
        Path data = Files.createTempDirectory("outpost-history");
        InetSocketAddress address = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data))
                .address();
        String token = Files.readString(data.resolve("token")).strip();
        Path tokens = Path.of(System.getProperty("outpost.tokens"));
        Files.createDirectories(tokens.getParent());
        Files.writeString(tokens, "127.0.0.1\\:" + address.getPort() + "=" + token + "\n");
        Path knownAgents = Path.of(System.getProperty("outpost.knownAgents"));
        Files.deleteIfExists(knownAgents); // a new agent identity each run
        SessionSettings settings = SessionSettings.of("127.0.0.1", address.getPort(), token, knownAgents);
        try (AgentSession probe = service(SessionFactory.class).create(settings)) {
            probe.connect();
            if (keepsHistory) {
                waitUntil("the agent has kept " + KEPT_MILLIS / 1000 + " s of samples",
                        () -> firstKept(probe) <= System.currentTimeMillis() - KEPT_MILLIS, () -> "", 60_000);
            }
        }
        return new Server("kept", "127.0.0.1", address.getPort(), "test");
    }

    private static long firstKept(AgentSession probe) {
        try {
            CommandReply reply = probe.send("history 60s cpu").get(10, TimeUnit.SECONDS);
            Matcher first = FIRST_TIME.matcher(reply.stdout());
            return first.find() ? Long.parseLong(first.group(1)) : Long.MAX_VALUE;
        } catch (Exception e) {
            throw new AssertionError("the agent's history: " + e, e);
        }
    }

    private static int valuesBetween(TimeSeriesChart chart, long from, long to) {
        return chart.model().find("total").map(series -> {
            TimeSeries.Samples samples = series.between(from, to);
            return (int) IntStream.range(0, samples.count())
                    .filter(i -> samples.times()[i] >= from && samples.times()[i] <= to && !Double.isNaN(samples.values()[i]))
                    .count();
        }).orElse(0);
    }

    /** A readout's HH:mm:ss (local time) as a moment today, or yesterday if that is still to come. */
    private static long epochMillis(String clock) {
        ZoneId zone = ZoneId.systemDefault();
        long today = LocalTime.parse(clock).atDate(LocalDate.now(zone)).atZone(zone).toInstant().toEpochMilli();
        return today > System.currentTimeMillis() + 60_000 ? today - 24 * 3_600_000L : today;
    }

    private static TimeSeriesChart chart(String id) {
        Control control = find(workbenchShell(), "console.chart." + id);
        return TimeSeriesChart.of(control).orElseThrow(() -> new AssertionError(control + " is no chart"));
    }
}
