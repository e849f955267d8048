package outpost.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static outpost.app.WorkbenchRobot.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.agent.Agent;
import outpost.agent.AgentSettings;
import outpost.charts.ChartRange;
import outpost.charts.DrawnChart;
import outpost.charts.TimeSeriesChart;
import outpost.console.ui.ConsoleEditors;
import outpost.servers.Server;

/**
 * A console's charts against a real agent on loopback, in the real workbench under Xvfb: "no data
 * yet" before the first sample, then CPU, RAM, network and disk with both axes (units on the value
 * axis) and a legend, the values under the real pointer, the range selector clicked with the real
 * mouse, and the lines ended when the agent stops.
 */
class ConsoleChartsIT {

    private static final List<String> CHARTS = List.of("cpu", "ram", "network", "disk");
    private static final Pattern CLOCK = Pattern.compile("\\d\\d:\\d\\d(:\\d\\d)?");

    private ExtraAgents agents;
    private Agent agent;
    private InetSocketAddress address;
    private IWorkbenchPage page;
    private Display display;
    /** What each chart said while the trust dialog held the connection back: before any sample. */
    private final Map<String, DrawnChart> beforeAnySample = new ConcurrentHashMap<>();
    private final Listener trustAnswerer = this::trustOnceChartsAreSeen;

    @BeforeEach
    void startAnAgent() throws Exception {
        agents = new ExtraAgents();
        agent = agents.create();
        Path data = Files.createTempDirectory("outpost-charts");
        address = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)).address();
        Files.deleteIfExists(Path.of(System.getProperty("outpost.knownAgents"))); // the trust dialog comes first
        Path tokens = Path.of(System.getProperty("outpost.tokens"));
        Files.createDirectories(tokens.getParent());
        Files.writeString(tokens, "127.0.0.1\\:" + address.getPort() + "=" + Files.readString(data.resolve("token")).strip() + "\n");
        page = activePageWithoutExplorer();
        display = Display.getCurrent();
        display.addFilter(SWT.Show, trustAnswerer);
    }

    @AfterEach
    void stopTheAgent() {
        display.removeFilter(SWT.Show, trustAnswerer);
        closeConsolesDialogsAndExplorer(page);
        agents.close();
    }

    @Test
    void chartsShowNoDataYetThenAxesLegendAndTheValueUnderThePointerAndStopWhenTheAgentDies() throws Exception {
        ConsoleEditors.open(page, new Server("charted", "127.0.0.1", address.getPort(), "test"));
        Label status = (Label) find(workbenchShell(), "console.status");
        waitUntil("the console connects", () -> "connected".equals(status.getText()), () -> "; status " + status.getText());
        for (String id : CHARTS) {
            assertEquals(List.of("No data yet"), beforeAnySample.get(id).message().stream().toList(),
                    id + " before the first sample: " + beforeAnySample.get(id));
        }

        waitUntil("every chart has a current value in its legend", () -> CHARTS.stream().allMatch(id -> {
            DrawnChart drawn = chart(id).drawn();
            return !drawn.legend().isEmpty() && !drawn.legend().get(0).endsWith("\u2014") && drawn.message().isEmpty();
        }), this::describeCharts);
        DrawnChart cpu = chart("cpu").drawn();
        assertEquals("CPU", cpu.title());
        assertTrue(Pattern.matches("total \\d+\\.\\d %", cpu.legend().get(0)), cpu.legend().toString());
        assertTrue(cpu.valueLabels().containsAll(List.of("0 %", "100 %")), "percent axis: " + cpu.valueLabels());
        assertTrue(cpu.timeLabels().size() >= 2 && cpu.timeLabels().stream().allMatch(label -> CLOCK.matcher(label).matches()),
                "time axis: " + cpu.timeLabels());
        assertTrue(chart("ram").drawn().valueLabels().stream().allMatch(label -> label.matches("[\\d.]+ (B|KiB|MiB|GiB|TiB)")),
                "RAM in binary units: " + chart("ram").drawn().valueLabels());
        assertTrue(chart("ram").drawn().legend().get(0).matches("used [\\d.]+ (MiB|GiB|TiB)"), chart("ram").drawn().legend().toString());
        assertTrue(chart("network").drawn().valueLabels().stream().allMatch(label -> label.endsWith("/s")),
                "network in bytes per second: " + chart("network").drawn().valueLabels());
        assertEquals(List.of("received", "sent"),
                chart("network").drawn().legend().stream().map(entry -> entry.substring(0, entry.indexOf(' '))).toList());
        assertTrue(chart("disk").drawn().legend().stream().anyMatch(entry -> entry.matches("/\\S* [\\d.]+ %")),
                "a file system's use: " + chart("disk").drawn().legend());

        StyledText transcript = (StyledText) find(workbenchShell(), "console.output");
        assertTrue(transcript.getSize().x > find(workbenchShell(), "console.chart").getSize().x,
                "the transcript keeps the larger part: " + transcript.getSize() + " beside the charts");

        // the Charts button folds the charts away, giving the transcript the whole width, and back
        Control panel = find(workbenchShell(), "console.chart");
        int besideCharts = transcript.getSize().x;
        int chartsWidth = panel.getSize().x;
        Button toggle = (Button) find(workbenchShell(), "console.chartsToggle");
        mouseClick(toggle, 1);
        // SashForm moves what it does not show out of sight rather than hiding it
        waitUntil("the charts are folded away", () -> transcript.getSize().x >= besideCharts + chartsWidth,
                () -> "; toggle " + toggle.getSelection() + ", transcript " + transcript.getBounds() + ", charts " + panel.getBounds());
        mouseClick(toggle, 1);
        waitUntil("the charts are back", () -> transcript.getSize().x == besideCharts && panel.getSize().x == chartsWidth,
                () -> "; toggle " + toggle.getSelection() + ", transcript " + transcript.getBounds() + ", charts " + panel.getBounds());

        // the real pointer at the newest end of the CPU chart: a vertical line and the values there
        Control cpuCanvas = chart("cpu").control();
        mouseMove(transcript, 20, 20);
        waitUntil("no readout while the pointer is elsewhere", () -> chart("cpu").drawn().hover().isEmpty());
        pointAtNewest(cpuCanvas);
        waitUntil("the CPU chart shows the values under the pointer", () -> chart("cpu").drawn().hover()
                .filter(text -> Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\ntotal \\d+\\.\\d %").matcher(text).find())
                .isPresent(), () -> "; readout " + chart("cpu").drawn().hover() + pointer(cpuCanvas));

        // another range, picked with the mouse, for every chart at once
        Button hour = (Button) find(workbenchShell(), "console.chart.range." + ChartRange.LAST_HOUR.name());
        mouseClick(hour, 1);
        waitUntil("the charts show the last hour, ticked at 10 minutes or more",
                () -> CHARTS.stream().allMatch(id -> chart(id).range() == ChartRange.LAST_HOUR)
                        && minutesBetweenTicks(chart("cpu").drawn().timeLabels()) >= 10,
                () -> "; time labels " + chart("cpu").drawn().timeLabels());
        assertTrue(hour.getSelection());
        mouseClick(find(workbenchShell(), "console.chart.range." + ChartRange.LAST_10_MINUTES.name()), 1);
        waitUntil("and back to ten minutes", () -> chart("cpu").range() == ChartRange.LAST_10_MINUTES);

        // the agent dies: from then on no value is current and none is drawn on
        agent.stop();
        waitUntil("the console turns disconnected", () -> "disconnected".equals(status.getText()));
        pointAtNewest(cpuCanvas);
        waitUntil("no chart claims a current value after the agent stopped", () -> CHARTS.stream()
                .allMatch(id -> chart(id).drawn().legend().stream().allMatch(entry -> entry.endsWith(" \u2014"))),
                this::describeCharts);
        waitUntil("the readout at the newest end says there is no data",
                () -> chart("cpu").drawn().hover().filter(text -> text.contains("\ntotal no data")).isPresent(),
                () -> "; readout " + chart("cpu").drawn().hover());
        assertFalse(chart("cpu").drawn().message().isPresent(), "what was measured stays shown");
    }

    private static String pointer(Control canvas) {
        return "; pointer at " + canvas.getDisplay().getCursorLocation() + ", chart at " + canvas.toDisplay(0, 0) + " size "
                + canvas.getSize() + ", shell " + canvas.getShell().getBounds() + ", screen " + canvas.getDisplay().getBounds();
    }

    /** Moves the real pointer to the right end of the chart's plot (where the newest samples are). */
    private void pointAtNewest(Control canvas) throws InterruptedException {
        mouseMove(canvas, canvas.getSize().x - 6, canvas.getSize().y / 2);
    }

    /** The smallest distance between two neighbouring HH:mm labels, in minutes (0 if fewer than two). */
    private static int minutesBetweenTicks(List<String> labels) {
        int smallest = labels.size() < 2 ? 0 : Integer.MAX_VALUE;
        for (int i = 1; i < labels.size(); i++) {
            if (!labels.get(i).matches("\\d\\d:\\d\\d") || !labels.get(i - 1).matches("\\d\\d:\\d\\d")) {
                return 0;
            }
            int distance = Math.floorMod(minutes(labels.get(i)) - minutes(labels.get(i - 1)), 24 * 60);
            smallest = Math.min(smallest, distance);
        }
        return smallest;
    }

    private static int minutes(String label) {
        return Integer.parseInt(label.substring(0, 2)) * 60 + Integer.parseInt(label.substring(3));
    }

    private static TimeSeriesChart chart(String id) {
        Control control = find(workbenchShell(), "console.chart." + id);
        return TimeSeriesChart.of(control).orElseThrow(() -> new AssertionError(control + " is no chart"));
    }

    private String describeCharts() {
        StringBuilder text = new StringBuilder();
        CHARTS.forEach(id -> text.append("\n").append(id).append(": ").append(chart(id).drawn()));
        return text.toString();
    }

    /**
     * On the trust dialog (which holds the connection back, so no sample can have come): notes what
     * each chart shows, painted now, then trusts the agent.
     */
    private void trustOnceChartsAreSeen(Event event) {
        if (!(event.widget instanceof Shell shell) || !"console.trustDialog".equals(shell.getData("outpost.widget"))
                || shell.getData("outpost.test.answered") != null) {
            return;
        }
        shell.setData("outpost.test.answered", Boolean.TRUE);
        shell.getDisplay().asyncExec(() -> {
            for (String id : CHARTS) {
                TimeSeriesChart chart = chart(id);
                chart.control().redraw();
                chart.control().update();
                beforeAnySample.put(id, chart.drawn());
            }
            Button trust = findButton(shell, "Trust and connect");
            assertNotNull(trust, "the trust dialog has its button");
            trust.notifyListeners(SWT.Selection, new Event());
        });
    }

    private static Button findButton(Composite root, String label) {
        List<Control> pending = new ArrayList<>(List.of(root.getChildren()));
        while (!pending.isEmpty()) {
            Control child = pending.remove(0);
            if (child instanceof Button button && label.equals(button.getText())) {
                return button;
            }
            if (child instanceof Composite composite) {
                pending.addAll(List.of(composite.getChildren()));
            }
        }
        return null;
    }
}
