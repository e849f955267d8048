package outpost.app;

import static outpost.app.WorkbenchRobot.*;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Test;

import outpost.agent.Agent;
import outpost.broker.AgentState;
import outpost.broker.BrokerSettings;
import outpost.broker.Topics;
import outpost.broker.internal.BrokerTls;
import outpost.broker.internal.StateJson;
import outpost.explorer.ui.ServerExplorer;
import outpost.servers.ServerRepository;
import outpost.testing.LoopbackProxy;
import outpost.testing.MosquittoBroker;

/**
 * Issue 15's explorer figures: a real Mosquitto announces N agents (retained states, as agents
 * publish them, from one bench account) and a few real agents in broker mode; the Server Explorer
 * opens with the console's broker set and must show every agent online, the UI thread kept free
 * (a 5 ms timer notes the gaps between its runs, as in {@link LiveColumnsBenchmark}) while the
 * fleet's states keep changing; then how long a dead agent's row takes to say "offline", and the
 * console's heap per agent shown. Run by releng/benchmark-ui-broker, not by the build.
 */
class BrokerExplorerBenchmark {

    private static final int AGENTS = Integer.getInteger("outpost.bench.agents", 2000);
    private static final long MEASURE_MILLIS = Long.getLong("outpost.bench.millis", 15_000);
    private static final long FLOOR_MILLIS = 10_000;
    /** The real agents' MQTT keep-alive: the broker publishes the will of a silent one after 1.5 times it. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    private static final long CHURN_PERIOD_MILLIS = 10;
    /** Agents whose state flips between online and offline during the steady phase. */
    private static final int FLAPPERS = 10;
    private static final String CONSOLE = "bench-console";
    private static final String FLEET = "bench-fleet";
    private static final String STOPPED = "agent-stopped";
    private static final String FROZEN = "agent-frozen";
    private static final String CUT = "agent-cut";
    private static final String PASSWORD = "bench-secret";

    @Test
    void explorerWithABrokersFleet() throws Exception {
        IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode("outpost.explorer.ui");
        clearBroker(preferences);
        service(ServerRepository.class).save(List.of()); // the broker's agents are the only rows
        IWorkbenchPage page = activePageWithoutExplorer();
        MosquittoBroker broker = new MosquittoBroker(benchAcl());
        for (String account : List.of(CONSOLE, FLEET, STOPPED, FROZEN, CUT)) {
            broker.addAccount(account, PASSWORD);
        }
        broker.start();
        try (broker; BrokerAgents real = new BrokerAgents(broker); LoopbackProxy frozenRelay = new LoopbackProxy(broker.port());
                LoopbackProxy cutRelay = new LoopbackProxy(broker.port()); FleetPublisher fleet = new FleetPublisher(broker)) {
            measure(page, preferences, broker, real, frozenRelay, cutRelay, fleet);
        } finally {
            clearBroker(preferences); // a no-op if measure got there first
            closeConsolesDialogsAndExplorer(page);
        }
    }

    private static void measure(IWorkbenchPage page, IEclipsePreferences preferences, MosquittoBroker broker,
            BrokerAgents real, LoopbackProxy frozenRelay, LoopbackProxy cutRelay, FleetPublisher fleet) throws Exception {
        try {
            // the floor: the explorer open, no broker set
            page.showView(ServerExplorer.VIEW_ID);
            UiGapProbe probe = new UiGapProbe(Display.getCurrent());
            pause(FLOOR_MILLIS);
            UiGapProbe.Gaps floor = probe.takeGaps();
            probe.stop();
            long heapWithout = usedHeapAfterGc();
            page.hideView(page.findView(ServerExplorer.VIEW_ID));

            Agent stopped = real.start(STOPPED, PASSWORD, broker.url(), KEEP_ALIVE);
            real.start(FROZEN, PASSWORD, "ssl://127.0.0.1:" + frozenRelay.port(), KEEP_ALIVE);
            real.start(CUT, PASSWORD, "ssl://127.0.0.1:" + cutRelay.port(), KEEP_ALIVE);
            long publishStart = System.nanoTime();
            for (int i = 0; i < AGENTS; i++) {
                fleet.publish(id(i), true);
            }
            long publishMillis = (System.nanoTime() - publishStart) / 1_000_000;
            int rows = AGENTS + 3;

            // open: the preferences set with the explorer closed, the link made as the view opens
            preferences.put("broker.url", broker.url());
            preferences.put("broker.clientId", CONSOLE);
            preferences.put("broker.user", CONSOLE);
            preferences.put("broker.passwordFile", broker.passwordFile(CONSOLE, PASSWORD).toString());
            preferences.put("broker.caFile", broker.caFile().toString());
            preferences.flush();
            probe = new UiGapProbe(Display.getCurrent());
            fleet.churn(i -> id(i % AGENTS), false);
            long start = System.nanoTime();
            long openStart = start;
            page.showView(ServerExplorer.VIEW_ID);
            Tree tree = (Tree) find(workbenchShell(), "explorer.servers");
            OnlineRows online = new OnlineRows(tree);
            long coldMillis = timeUntil("all " + rows + " rows online", online.atLeast(rows), online::count, start);
            probe.awaitNextRun(); // the gap that ends with the last rebuild belongs to this phase
            UiGapProbe.Gaps cold = probe.takeGaps();

            // steady: a few agents flip between online and offline every 10 ms
            fleet.churn(i -> id(i % FLAPPERS), true);
            probe.takeGaps();
            pause(MEASURE_MILLIS);
            UiGapProbe.Gaps steady = probe.takeGaps();
            fleet.stopChurn();
            for (int i = 0; i < FLAPPERS; i++) {
                fleet.publish(id(i), true);
            }

            // reopened: the link already up, only the view's own work
            page.hideView(page.findView(ServerExplorer.VIEW_ID));
            fleet.churn(i -> id(i % AGENTS), false);
            probe.takeGaps();
            start = System.nanoTime();
            page.showView(ServerExplorer.VIEW_ID);
            Tree reopenedTree = (Tree) find(workbenchShell(), "explorer.servers");
            OnlineRows reopened = new OnlineRows(reopenedTree);
            long warmMillis = timeUntil("all " + rows + " rows online again", reopened.atLeast(rows), reopened::count, start);
            probe.awaitNextRun();
            UiGapProbe.Gaps warm = probe.takeGaps();
            fleet.stopChurn();
            probe.stop();
            int onlineAtEnd = reopened.count();
            long heapWith = usedHeapAfterGc();

            // offline: a host gone silent (the broker waits for the keep-alive), a process killed
            // (its socket closed: the will at once), an orderly stop (the agent says so itself)
            long frozenMillis = offlineAfter(reopenedTree, FROZEN, frozenRelay::freeze);
            long cutMillis = offlineAfter(reopenedTree, CUT, cutRelay::close);
            long stoppedMillis = offlineAfter(reopenedTree, STOPPED, stopped::stop);

            long perAgent = (heapWith - heapWithout) / rows;
            System.out.println("Outpost broker-explorer benchmark: " + AGENTS + " announced agents + 3 real ones through"
                    + " Mosquitto (" + broker.url() + "), states republished every " + CHURN_PERIOD_MILLIS
                    + " ms; UI thread gaps (5 ms timer)\n"
                    + "| phase | ms | timer runs | p50 gap ms | p99 gap ms | longest gap ms | gaps over 50 ms | UI thread CPU ms |\n"
                    + "|---|---|---|---|---|---|---|---|\n"
                    + UiGapProbe.row("floor: the explorer open, no broker", FLOOR_MILLIS, floor, true)
                    + UiGapProbe.row("open: showView until all " + rows + " rows online (link made meanwhile)", coldMillis, cold, true)
                    + UiGapProbe.row("steady: " + FLAPPERS + " agents flipping online/offline", MEASURE_MILLIS, steady, true)
                    + UiGapProbe.row("reopen: showView until all rows online (link up)", warmMillis, warm, true)
                    + "\n| figure | value |\n|---|---|\n"
                    + "| " + AGENTS + " retained states published (QoS 1, one after another) | " + publishMillis + " ms |\n"
                    + "| open: the first row shown after | " + (online.firstRow == 0 ? -1 : (online.firstRow - openStart) / 1_000_000) + " ms |\n"
                    + "| states published by the churn | " + fleet.churned() + " |\n"
                    + "| rows reading online before the offline figures | " + onlineAtEnd + " of " + rows + " |\n"
                    + "| host silent (relay frozen), keep-alive " + KEEP_ALIVE.toSeconds() + " s: row offline after | "
                    + frozenMillis + " ms |\n"
                    + "| process killed (its socket closed): row offline after | " + cutMillis + " ms |\n"
                    + "| orderly stop: row offline after | " + stoppedMillis + " ms |\n"
                    + "| heap used after GC, no broker / " + rows + " rows | " + heapWithout / 1024 + " KiB / "
                    + heapWith / 1024 + " KiB |\n"
                    + "| heap per agent shown | " + perAgent + " bytes |\n");
        } finally {
            clearBroker(preferences); // the console lets go of the link before the broker goes
            closeConsolesDialogsAndExplorer(page);
        }
    }

    private static String id(int i) {
        return String.format("bench-%05d", i);
    }

    /** The shipped ACL and one bench account that may write every agent's state (2,000 accounts would be slow to make). */
    private static Path benchAcl() throws IOException {
        Path acl = Files.createTempFile("outpost-bench-acl", "");
        Files.writeString(acl, Files.readString(MosquittoBroker.shippedAcl()) + "\nuser " + FLEET
                + "\ntopic write outpost/v1/agents/+/state\n");
        return acl;
    }

    private static void clearBroker(IEclipsePreferences preferences) throws Exception {
        for (String key : List.of("broker.url", "broker.clientId", "broker.user", "broker.passwordFile", "broker.caFile",
                "broker.fingerprint")) {
            preferences.remove(key);
        }
        preferences.flush();
    }

    /** Runs the event loop for a while (the probe's timer runs meanwhile). */
    private static void pause(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        await("the measurement ends", () -> System.currentTimeMillis() > end, () -> "", millis + 60_000);
    }

    /** Milliseconds from {@code start} until the condition holds, or -1 if it did not within 180 s (the run goes on, to report the rest). */
    private static long timeUntil(String what, BooleanSupplier condition, java.util.function.IntSupplier count, long start)
            throws InterruptedException {
        try {
            await(what, condition, () -> count.getAsInt() + " online", 180_000);
            return (System.nanoTime() - start) / 1_000_000;
        } catch (AssertionError notInTime) {
            System.out.println(notInTime.getMessage());
            return -1;
        }
    }

    private static long offlineAfter(Tree tree, String agent, ThrowingRunnable kill) throws Exception {
        int status = ExplorerRows.columnIndex(tree, "Status");
        long start = System.nanoTime();
        kill.run();
        await(agent + " offline", () -> ExplorerRows.row(tree, agent).getText(status).equals("offline"),
                () -> ExplorerRows.row(tree, agent).getText(status), 120_000);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Runs the event loop until the condition holds, as {@link WorkbenchRobot#waitUntil} does, but
     * checks it at least every 20 ms even while the loop always has work: a UI thread kept busy (the
     * very thing measured here) never lets WorkbenchRobot's drain-then-check loop reach its check.
     */
    private static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state,
            long timeoutMillis) throws InterruptedException {
        Display display = Display.getCurrent();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long slice = System.nanoTime() + 20_000_000L;
            boolean busy = true;
            while (busy && System.nanoTime() - slice < 0) {
                busy = display.readAndDispatch();
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeoutMillis + " ms waiting until " + what + ": " + state.get());
            }
            if (!busy) {
                Thread.sleep(5); // idle: as WorkbenchRobot's 10 ms poll, a little shorter
            }
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The rows whose status reads "online". Counting reads every item's text on the UI thread, so the
     * wait counts at most every 25 ms: the benchmark's own reading stays a small part of what the
     * probe sees.
     */
    private static final class OnlineRows {
        private final Tree tree;
        private final int status;
        private long lastCount;
        /** When a poll first found a row (nanoTime); 0 before. */
        long firstRow;

        OnlineRows(Tree tree) {
            this.tree = tree;
            this.status = ExplorerRows.columnIndex(tree, "Status");
        }

        BooleanSupplier atLeast(int rows) {
            return () -> {
                long now = System.nanoTime();
                if (now - lastCount < 25_000_000L) {
                    return false;
                }
                lastCount = now;
                if (firstRow == 0 && tree.getItemCount() > 0) {
                    firstRow = now;
                }
                return count() >= rows;
            };
        }

        int count() {
            int count = 0;
            for (TreeItem group : tree.getItems()) {
                for (TreeItem server : group.getItems()) {
                    if (server.getText(status).equals("online")) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    /**
     * A plain MQTT client with the bench account, writing agents' retained states as each agent
     * would (QoS 1, {@link StateJson}), and a churn: one more state every {@value #CHURN_PERIOD_MILLIS} ms.
     */
    private static final class FleetPublisher implements AutoCloseable {
        private final MqttAsyncClient client;
        private final ScheduledExecutorService churn = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-churn");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicLong published = new AtomicLong();
        private volatile java.util.concurrent.ScheduledFuture<?> running;

        FleetPublisher(MosquittoBroker broker) throws Exception {
            client = new MqttAsyncClient(broker.url(), FLEET, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(FLEET);
            options.setPassword(PASSWORD.getBytes(StandardCharsets.UTF_8));
            options.setSocketFactory(BrokerTls.socketFactory(BrokerSettings.of(broker.url(), FLEET).withCaFile(broker.caFile())));
            client.connect(options).waitForCompletion(10_000);
        }

        void publish(String agentId, boolean online) throws MqttException {
            AgentState state = new AgentState(agentId, online, agentId + ".bench.invalid", "Linux bench", "0.1.0.bench", "",
                    Instant.now());
            MqttMessage message = new MqttMessage(StateJson.encode(state), 1, true, new MqttProperties());
            for (int attempt = 0;; attempt++) {
                try {
                    client.publish(Topics.state(agentId), message).waitForCompletion(10_000);
                    return;
                } catch (MqttException e) {
                    // Paho frees the in-flight slot a moment after the previous publish completed
                    if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt == 1000) {
                        throw e;
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        /** From now on one state every period: agent {@code ids(k)} for the k-th, online, or flipping when asked. */
        void churn(IntFunction<String> ids, boolean flip) {
            stopChurn();
            AtomicLong k = new AtomicLong();
            running = churn.scheduleAtFixedRate(() -> {
                long n = k.getAndIncrement();
                try {
                    publish(ids.apply((int) n), !flip || (n / FLAPPERS) % 2 == 1);
                    published.incrementAndGet();
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, CHURN_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }

        void stopChurn() {
            java.util.concurrent.ScheduledFuture<?> current = running;
            if (current != null) {
                current.cancel(false);
                try {
                    churn.submit(() -> { }).get(); // the last publish is over
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        long churned() {
            return published.get();
        }

        @Override
        public void close() throws MqttException {
            churn.shutdownNow();
            client.disconnect().waitForCompletion(5000);
            client.close();
        }
    }

    /**
     * A TCP relay on loopback between an agent and the broker, which a test can freeze (it forwards
     * nothing more and closes nothing: to the broker the agent's host went silent) or cut (it closes
     * both ends at once, as the kernel does for a killed process). Either way it takes no new
     * connection afterwards, so the agent cannot come back.
     */
}
