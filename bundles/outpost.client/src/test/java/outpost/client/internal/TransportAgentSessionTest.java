package outpost.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.client.CommandCall;
import outpost.client.CommandReply;
import outpost.client.SessionSettings;
import outpost.client.SessionStatus;
import outpost.client.internal.ScriptedAgents.ScriptedAgent;
import outpost.protocol.Auth;
import outpost.protocol.Cancel;
import outpost.protocol.ErrorCode;
import outpost.protocol.ErrorReport;
import outpost.protocol.Hello;
import outpost.protocol.Notice;
import outpost.protocol.NoticeKind;
import outpost.protocol.Output;
import outpost.protocol.OutputKind;
import outpost.protocol.ProtocolVersion;
import outpost.protocol.Request;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;
import outpost.transport.Connection;
import outpost.transport.PeerError;

/** The session's logic against a scripted in-memory agent. */
class TransportAgentSessionTest {

    @TempDir
    Path directory;

    private final ScriptedAgent agent = new ScriptedAgent();
    private final List<String> statusLog = new CopyOnWriteArrayList<>();

    private TransportAgentSession session() {
        SessionSettings settings = new SessionSettings("web-01", 5005, false, "tok", directory.resolve("known"), true,
                Duration.ofMillis(500));
        TransportAgentSession session = new TransportAgentSession(agent, settings);
        session.addListener((s, status, reason) -> statusLog.add(status + (reason == null ? "" : ": " + reason)));
        return session;
    }

    @Test
    void connectsAfterGreetingAndTokenThenMatchesOutputAndResultsById() throws Exception {
        TransportAgentSession session = session();
        session.connect();
        assertEquals(SessionStatus.CONNECTED, session.status());
        assertEquals(List.of("read"), session.roles());
        assertEquals("tok", agent.connection.authToken);

        CompletableFuture<CommandReply> cpu = session.send("cpu");
        CompletableFuture<CommandReply> ram = session.send("ram");
        List<Request> sent = agent.connection.requests;
        assertEquals(List.of("cpu", "ram"), sent.stream().map(Request::command).toList());
        int cpuId = sent.get(0).id();
        int ramId = sent.get(1).id();
        agent.connection.deliver(new Output(ramId, OutputKind.STDOUT, "RAM: 1 GiB"));
        agent.connection.deliver(new Output(cpuId, OutputKind.STDOUT, "CPU: "));
        agent.connection.deliver(new Output(cpuId, OutputKind.STDERR, "warn"));
        agent.connection.deliver(new Output(cpuId, OutputKind.STDOUT, "3 %"));
        agent.connection.deliver(Result.ok(ramId, 1));
        agent.connection.deliver(Result.ok(cpuId, 2));
        CommandReply cpuReply = cpu.get(1, TimeUnit.SECONDS);
        assertEquals("CPU: 3 %", cpuReply.stdout());
        assertEquals("warn", cpuReply.stderr());
        assertEquals("RAM: 1 GiB", ram.get(1, TimeUnit.SECONDS).stdout());
        assertEquals(List.of("CONNECTING", "CONNECTED"), statusLog);
    }

    @Test
    void streamedOutputReachesTheListenerAndCancelIsSent() throws Exception {
        TransportAgentSession session = session();
        session.connect();
        List<String> chunks = new ArrayList<>();
        CommandCall call = session.execute("tail", Duration.ofSeconds(3), chunk -> chunks.add(chunk.text()));
        assertEquals(3000, agent.connection.requests.get(0).timeoutMillis());
        agent.connection.deliver(new Output(call.id(), OutputKind.STDOUT, "a"));
        agent.connection.deliver(new Output(call.id(), OutputKind.STDOUT, "b"));
        call.cancel();
        assertEquals(new Cancel(call.id()), agent.connection.others.get(0));
        agent.connection.deliver(new Result(call.id(), ResultStatus.CANCELLED, -1, 5, false, "cancelled"));
        assertEquals(ResultStatus.CANCELLED, call.result().get(1, TimeUnit.SECONDS).status());
        assertEquals(List.of("a", "b"), chunks);
    }

    @Test
    void aRefusedRequestFailsItsCallWithTheAgentsReason() throws Exception {
        TransportAgentSession session = session();
        session.connect();
        CompletableFuture<CommandReply> reply = session.send("cpu");
        int id = agent.connection.requests.get(0).id();
        agent.connection.deliver(new ErrorReport(id, ErrorCode.TOO_MANY_REQUESTS, "at most 32 requests"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> reply.get(1, TimeUnit.SECONDS));
        assertEquals("at most 32 requests (TOO_MANY_REQUESTS)", failure.getCause().getMessage());
        assertEquals(SessionStatus.CONNECTED, session.status(), "one refused request does not end the session");
    }

    @Test
    void refusedConnectionExplainsAndStaysDisconnected() {
        agent.connectError = new ConnectException("Connection refused");
        TransportAgentSession session = session();
        IOException error = assertThrows(IOException.class, session::connect);
        assertEquals("Connection refused by web-01:5005: no Outpost agent is listening there.", error.getMessage());
        assertEquals(SessionStatus.DISCONNECTED, session.status());
        assertThrows(IllegalStateException.class, () -> session.send("cpu"));
    }

    @Test
    void aRefusedTokenIsSaidPlainly() {
        agent.onAuth = connection -> connection.die(new PeerError(ErrorReport.fatal(ErrorCode.AUTH_FAILED, "unknown token")));
        TransportAgentSession session = session();
        IOException error = assertThrows(IOException.class, session::connect);
        assertEquals("The agent at web-01:5005 refused the token.", error.getMessage());
        assertEquals(SessionStatus.DISCONNECTED, session.status());
    }

    @Test
    void anIncompatibleAgentIsRefusedWithBothVersionsAndToldWhy() {
        agent.greeting = new Hello(ProtocolVersion.MAJOR + 1, 0, "9.0", "web-01", List.of());
        TransportAgentSession session = session();
        IOException error = assertThrows(IOException.class, session::connect);
        assertTrue(error.getMessage().contains("speaks protocol " + (ProtocolVersion.MAJOR + 1) + ".0"), error.getMessage());
        assertTrue(error.getMessage().contains("this client " + ProtocolVersion.text()), error.getMessage());
        ErrorReport told = assertInstanceOf(ErrorReport.class, agent.connection.others.get(0));
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, told.code());
        assertEquals(SessionStatus.DISCONNECTED, session.status());
    }

    @Test
    void aSilentPeerTimesOutWithAClearMessage() {
        agent.greeting = null;
        IOException error = assertThrows(IOException.class, session()::connect);
        assertTrue(error.getMessage().contains("did not send its greeting"), error.getMessage());
    }

    @Test
    void aConnectionThatDiesDuringTheHandshakeFailsAtOnceWithTheCause() {
        agent.greeting = null;
        agent.dieOnConnect = new IOException("Connection reset");
        TransportAgentSession session = session();
        IOException error = assertThrows(IOException.class, session::connect);
        assertTrue(error.getMessage().contains("Connection reset"), error.getMessage());
        assertEquals(SessionStatus.DISCONNECTED, session.status());
    }

    @Test
    void aRestartNoticeIsToldApartFromALostNetwork() throws Exception {
        TransportAgentSession session = session();
        List<Notice> notices = new CopyOnWriteArrayList<>();
        session.addListener(new outpost.client.SessionListener() {
            @Override
            public void statusChanged(outpost.client.AgentSession s, SessionStatus status, String reason) {
            }

            @Override
            public void noticeReceived(outpost.client.AgentSession s, Notice notice) {
                notices.add(notice);
            }
        });
        session.connect();
        CompletableFuture<CommandReply> pending = session.send("cpu");
        agent.connection.deliver(new Notice(NoticeKind.RESETTING, "configuration reloaded"));
        agent.connection.die(null);
        assertEquals(List.of(new Notice(NoticeKind.RESETTING, "configuration reloaded")), notices);
        assertEquals("DISCONNECTED: The agent at web-01:5005 is restarting (configuration reloaded).",
                statusLog.get(statusLog.size() - 1));
        assertThrows(ExecutionException.class, () -> pending.get(1, TimeUnit.SECONDS));
    }

    @Test
    void aLostConnectionFailsPendingCommandsAndReportsWhy() throws Exception {
        TransportAgentSession session = session();
        session.connect();
        CompletableFuture<CommandReply> pending = session.send("cpu");
        agent.connection.die(new IOException("Connection reset"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> pending.get(1, TimeUnit.SECONDS));
        assertEquals("Lost the connection to web-01:5005: Connection reset", failure.getCause().getMessage());
        assertEquals(SessionStatus.DISCONNECTED, session.status());
    }

    @Test
    void closingIsCleanAndIdempotent() throws Exception {
        TransportAgentSession session = session();
        session.connect();
        session.close();
        session.close();
        assertTrue(agent.connection.closed);
        assertEquals(List.of("CONNECTING", "CONNECTED", "DISCONNECTED"), statusLog);
    }

    /** An in-memory agent: greets, answers Auth as told, records what the client sends. */
    @Test
    void theKeepaliveSettingBoundsHowLongASilentAgentIsGiven() throws Exception {
        TransportAgentSession session = new TransportAgentSession(agent, new SessionSettings("web-01", 5005, false, "tok",
                directory.resolve("known"), true, Duration.ofMillis(500)).withKeepalive(Duration.ofSeconds(9)));
        session.connect();
        assertEquals(Duration.ofSeconds(9), agent.lastSettings.limits().idleTimeout());
        assertEquals(Duration.ofSeconds(3), agent.lastSettings.limits().keepaliveInterval());
        session().connect();
        assertEquals(outpost.transport.Limits.DEFAULT, agent.lastSettings.limits(), "without it, the transport's default");
    }

    @Test
    void anUnknownAgentIsNamedByItsFingerprintWhenNewAgentsAreNotTrusted() throws Exception {
        outpost.transport.TlsIdentity identity = outpost.transport.TlsIdentities.generate("web-01");
        agent.certificate = identity.certificate();
        outpost.client.KnownAgents pins = new outpost.client.KnownAgents(directory.resolve("known"));
        SessionSettings settings = new SessionSettings("web-01", 5005, true, "tok", null, false, Duration.ofMillis(500),
                pins, null);
        TransportAgentSession session = new TransportAgentSession(agent, settings);
        outpost.client.UntrustedAgentException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                outpost.client.UntrustedAgentException.class, session::connect);
        assertEquals(identity.fingerprint(), unknown.fingerprint());
        assertEquals(SessionStatus.DISCONNECTED, session.status());

        pins.remember("web-01", 5005, unknown.fingerprint()); // the user said yes
        TransportAgentSession again = new TransportAgentSession(agent, settings);
        again.connect();
        assertEquals(SessionStatus.CONNECTED, again.status());
        assertEquals(java.util.Optional.of(identity.fingerprint()), again.fingerprint());
    }

    @Test
    void aChangedCertificateIsRefusedNamingBothFingerprintsAndTheUserMayReplaceThePin() throws Exception {
        outpost.transport.TlsIdentity reinstalled = outpost.transport.TlsIdentities.generate("web-01");
        agent.certificate = reinstalled.certificate();
        outpost.client.KnownAgents pins = new outpost.client.KnownAgents(directory.resolve("known"));
        String old = "SHA256:" + "AB:".repeat(31) + "AB";
        pins.remember("web-01", 5005, old);
        SessionSettings settings = new SessionSettings("web-01", 5005, true, "tok", null, true, Duration.ofMillis(500),
                pins, null);
        outpost.client.CertificateChangedException changed = org.junit.jupiter.api.Assertions.assertThrows(
                outpost.client.CertificateChangedException.class, new TransportAgentSession(agent, settings)::connect);
        assertEquals(old, changed.pinned());
        assertEquals(reinstalled.fingerprint(), changed.presented());
        assertTrue(changed.getMessage().contains("has CHANGED"), changed.getMessage());
        assertEquals(java.util.Optional.of(old), pins.fingerprint("web-01", 5005), "trusting new agents never replaces a pin");

        pins.remember("web-01", 5005, changed.presented()); // the user knows the agent was reinstalled
        TransportAgentSession again = new TransportAgentSession(agent, settings);
        again.connect();
        assertEquals(SessionStatus.CONNECTED, again.status());
    }

    @Test
    void aRoutedSessionConnectsThroughItsRouteAndPinsUnderItsSettingsHostAndPort() throws Exception {
        outpost.transport.TlsIdentity identity = outpost.transport.TlsIdentities.generate("agent-7");
        agent.certificate = identity.certificate();
        outpost.client.KnownAgents pins = new outpost.client.KnownAgents(directory.resolve("known"));
        List<outpost.transport.ConnectSettings> routed = new CopyOnWriteArrayList<>();
        ScriptedAgent direct = new ScriptedAgent();
        direct.connectError = new ConnectException("the direct route was taken");
        outpost.client.AgentSession session = new TransportSessionFactory(direct).create(
                new SessionSettings("agent-7", 0, true, "tok", null, true, Duration.ofMillis(500), pins, null),
                (settings, handler) -> {
                    routed.add(settings);
                    return agent.connect(settings, handler);
                });
        session.connect();
        assertEquals(SessionStatus.CONNECTED, session.status());
        assertEquals(1, routed.size());
        assertTrue(routed.get(0).tls().isPresent(), "the route is given the session's certificate check");
        assertEquals("tok", agent.connection.authToken);
        assertEquals(Optional.of(identity.fingerprint()), pins.fingerprint("agent-7", 0), "trusted on first use");
    }
}
