package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import outpost.metrics.MetricHistory;
import outpost.metrics.MetricJson;
import outpost.metrics.MetricSample;
import outpost.protocol.Auth;
import outpost.protocol.AuthOk;
import outpost.protocol.Cancel;
import outpost.protocol.Hello;
import outpost.protocol.Message;
import outpost.protocol.Output;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.testing.Conditions;

/**
 * {@code metrics}, {@code watch} and {@code history} over the real protocol, with a token of the
 * read role only, and the examples of docs/METRICS.md checked against the agent's answers: the same
 * fields with the same JSON types.
 */
class MetricsIT {

    private static final String READER_TOKEN = "metrics-reader-token";

    private Agent agent;
    private Path data;
    private RawClient client;
    private int nextId = 1;

    @BeforeEach
    void start() throws Exception {
        data = Files.createTempDirectory("outpost-metrics-it");
        Files.writeString(data.resolve("tokens.properties"), "watcher.sha256=" + HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(READER_TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                + "\nwatcher.roles=read\n");
        ServiceTracker<Agent, Agent> tracker = new ServiceTracker<>(FrameworkUtil.getBundle(MetricsIT.class).getBundleContext(),
                Agent.class, null);
        tracker.open();
        agent = tracker.waitForService(10_000);
        assertNotNull(agent);
        int port = agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withTls(false)).address().getPort();
        client = new RawClient(port);
        client.read(Hello.class);
        client.send(Auth.current(READER_TOKEN));
        client.read(AuthOk.class);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        agent.stop();
    }

    @Test
    void metricsAnswersOneJsonLineWithTheSectionsAskedFor() throws Exception {
        MetricSample all = MetricJson.sample(answer("metrics"));
        assertTrue(Math.abs(all.time() - System.currentTimeMillis()) < 60_000, "time is epoch milliseconds");
        assertTrue(all.ram().totalBytes() > 0 && all.ram().usedBytes() > 0 && all.ram().usedBytes() <= all.ram().totalBytes());
        assertNotNull(all.swap());
        assertTrue(all.disks().stream().anyMatch(disk -> disk.mount().equals("/") && disk.totalBytes() > 0), all.disks().toString());
        assertNotNull(all.load(), "Linux has load averages");
        assertNotNull(all.net());
        assertEquals(Runtime.getRuntime().availableProcessors(), all.cpu().perCorePercent().size());

        MetricSample some = MetricJson.sample(answer("metrics cpu,ram"));
        assertNotNull(some.cpu());
        assertNotNull(some.ram());
        assertNull(some.disks());
        assertNull(some.swap());

        client.send(new Request(nextId++, "metrics cpu,gpu"));
        Result refused = readUntil(Result.class);
        assertEquals(ResultStatus.FAILED, refused.status());
        assertEquals("metrics: no metric 'gpu': cpu, load, ram, swap, disk or net", refused.message());
    }

    @Test
    void watchStreamsOneSamplePerIntervalUntilCancelledAndIsAuditedOnce() throws Exception {
        int id = nextId++;
        client.send(new Request(id, "watch 1 cpu,ram"));
        List<MetricSample> samples = new ArrayList<>();
        while (samples.size() < 3) {
            Message message = client.read();
            assertFalse(message instanceof Result, "the watch ended by itself: " + message);
            if (message instanceof Output output && output.id() == id) {
                assertTrue(output.text().endsWith("\n"), "one line per sample");
                samples.add(MetricJson.sample(output.text()));
            }
        }
        for (int i = 1; i < samples.size(); i++) {
            long apart = samples.get(i).time() - samples.get(i - 1).time();
            assertTrue(apart >= 500 && apart < 5_000, "a sample each second: " + apart + " ms apart");
            assertNull(samples.get(i).disks(), "only the sections asked for");
            assertNotNull(samples.get(i).cpu().totalPercent());
        }
        client.send(new Cancel(id));
        Result end = readUntil(Result.class);
        assertEquals(id, end.id());
        assertEquals(ResultStatus.CANCELLED, end.status());
        assertTrue(end.durationMillis() >= 1_000, "the result carries the watch's whole duration: " + end);

        String audit = auditLogOnceItContains("command=watch 1 cpu,ram");
        assertEquals(1, audit.lines().filter(line -> line.contains("command=watch")).count(), audit);
        assertTrue(audit.contains("token=watcher status=CANCELLED exit=-1 ms=" + end.durationMillis() + " command=watch 1 cpu,ram"),
                audit);
    }

    @Test
    void aWatchEndsWithItsConnectionAndAnInvalidOneIsRefused() throws Exception {
        client.send(new Request(nextId++, "watch 0"));
        Result zero = readUntil(Result.class);
        assertEquals(ResultStatus.FAILED, zero.status());
        assertEquals("watch: the interval is whole seconds from 1 to 3600, not '0'", zero.message());

        client.send(new Request(nextId++, "watch 1 ram"));
        readUntil(Output.class);
        client.close();
        String audit = auditLogOnceItContains("command=watch 1 ram");
        assertTrue(audit.contains("status=CANCELLED"), audit);
    }

    @Test
    void historyReturnsTheSecondsKeptAndTheMinutesForALongerRange() throws Exception {
        Conditions.waitUntil("two seconds of history", () -> {
            try {
                return MetricJson.history(answer("history 1m")).samples().size() >= 2;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(20));
        MetricHistory recent = MetricJson.history(answer("history 1m"));
        assertEquals(1, recent.stepSeconds());
        assertEquals(60_000, recent.to() - recent.from());
        MetricSample last = recent.samples().get(recent.samples().size() - 1);
        assertTrue(last.time() >= recent.from() && last.time() <= recent.to());
        assertNotNull(last.ram());
        assertNotNull(last.disks());

        MetricHistory ramOnly = MetricJson.history(answer("history " + recent.from() + " " + System.currentTimeMillis() + " ram"));
        assertTrue(ramOnly.samples().size() >= 2);
        assertNull(ramOnly.samples().get(0).cpu());
        assertNotNull(ramOnly.samples().get(0).ram());

        assertEquals(60, MetricJson.history(answer("history 2h")).stepSeconds());

        client.send(new Request(nextId++, "history yesterday"));
        assertEquals(ResultStatus.FAILED, readUntil(Result.class).status());
    }

    @Test
    void theDocumentsExamplesHaveTheFieldsAndTypesOfTheAgentsAnswers() throws Exception {
        String document = Files.readString(metricsDocument());
        Conditions.waitUntil("a CPU figure and network rates", () -> {
            try {
                MetricSample sample = MetricJson.sample(answer("metrics"));
                return sample.cpu().totalPercent() != null && !sample.net().isEmpty();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(20));
        assertSameShape(example(document, "metrics"), JsonParser.parseString(answer("metrics")), "metrics");

        int id = nextId++;
        client.send(new Request(id, "watch 1 cpu,ram"));
        Output first = readUntil(Output.class);
        client.send(new Cancel(id));
        readUntil(Result.class);
        assertSameShape(example(document, "watch"), JsonParser.parseString(first.text()), "watch");

        Conditions.waitUntil("a second of history", () -> {
            try {
                return !MetricJson.history(answer("history 1m")).samples().isEmpty();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(20));
        JsonObject history = JsonParser.parseString(answer("history 1m")).getAsJsonObject();
        JsonArray samples = history.getAsJsonArray("samples");
        JsonArray lastOnly = new JsonArray();
        lastOnly.add(samples.get(samples.size() - 1)); // the first second may predate the network's first window
        history.add("samples", lastOnly);
        assertSameShape(example(document, "history"), history, "history");
    }

    /** Every field on either side is on the other with the same JSON type; arrays by their first elements. */
    private static void assertSameShape(JsonElement documented, JsonElement answered, String path) {
        assertEquals(kind(documented), kind(answered), path + ": " + documented + " documented, " + answered + " answered");
        if (documented.isJsonObject()) {
            Map<String, JsonElement> doc = documented.getAsJsonObject().asMap();
            Map<String, JsonElement> got = answered.getAsJsonObject().asMap();
            assertEquals(new TreeSet<>(doc.keySet()), new TreeSet<>(got.keySet()), path + ": fields");
            doc.forEach((name, value) -> assertSameShape(value, got.get(name), path + "." + name));
        } else if (documented.isJsonArray() && !documented.getAsJsonArray().isEmpty() && !answered.getAsJsonArray().isEmpty()) {
            assertSameShape(documented.getAsJsonArray().get(0), answered.getAsJsonArray().get(0), path + "[0]");
        }
    }

    private static String kind(JsonElement element) {
        if (element.isJsonObject()) {
            return "object";
        }
        if (element.isJsonArray()) {
            return "array";
        }
        if (element.isJsonNull()) {
            return "null";
        }
        var primitive = element.getAsJsonPrimitive();
        return primitive.isNumber() ? "number" : primitive.isBoolean() ? "boolean" : "string";
    }

    /** The JSON block that follows {@code <!-- example: NAME -->} in the document. */
    private static JsonElement example(String document, String name) {
        Matcher matcher = Pattern.compile("<!-- example: " + name + " -->\\s*```json\\s*\\n(.*?)```", Pattern.DOTALL)
                .matcher(document);
        assertTrue(matcher.find(), "docs/METRICS.md has no example '" + name + "'");
        return JsonParser.parseString(matcher.group(1));
    }

    private String answer(String command) throws IOException {
        int id = nextId++;
        client.send(new Request(id, command));
        StringBuilder text = new StringBuilder();
        while (true) {
            Message message = client.read();
            if (message instanceof Output output && output.id() == id) {
                text.append(output.text());
            } else if (message instanceof Result result && result.id() == id) {
                assertEquals(ResultStatus.OK, result.status(), command + ": " + result);
                return text.toString();
            }
        }
    }

    private <T extends Message> T readUntil(Class<T> type) throws IOException {
        for (int i = 0; i < 10_000; i++) {
            Message message = client.read();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }

    private String auditLogOnceItContains(String text) throws Exception {
        Path file = data.resolve("audit.log.0");
        Conditions.waitUntil("the audit log names " + text, () -> {
            try {
                return Files.readString(file).contains(text);
            } catch (IOException notWrittenYet) {
                return false;
            }
        }, Duration.ofSeconds(10));
        return Files.readString(file);
    }

    static Path metricsDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("METRICS.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/METRICS.md not found above " + Path.of("").toAbsolutePath());
    }
}
