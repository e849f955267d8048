package outpost.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import outpost.broker.BrokerSettings;
import outpost.broker.Topics;
import outpost.testing.Conditions;
import outpost.testing.MosquittoBroker;
import outpost.transport.Tunnel;

/** A session's bytes stay bounded while the broker does not acknowledge them. */
class BridgedSessionTest {

    private MosquittoBroker broker;
    private MqttLink link;
    private final AtomicInteger pauses = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();

    @BeforeEach
    void connect() throws Exception {
        broker = new MosquittoBroker(MosquittoBroker.shippedAcl()).addAccount("agent-a", "secret-a").start();
        BrokerSettings settings = BrokerSettings.of(broker.url(), "agent-a")
                .withAccount("agent-a", broker.passwordFile("agent-a", "secret-a")).withCaFile(broker.caFile())
                .withKeepAlive(Duration.ofSeconds(30));
        link = MqttLink.open(settings, Optional.empty(), new MqttLink.Events() {
            @Override
            public void connected(MqttLink connected) {
            }

            @Override
            public void lost() {
            }

            @Override
            public void message(String topic, byte[] payload, boolean retained) {
            }
        }).start();
        link.awaitConnected(Duration.ofSeconds(20));
    }

    @AfterEach
    void close() throws Exception {
        broker.thaw();
        link.close(Optional.empty());
        broker.close();
    }

    @Test
    void pausesTheTunnelAboveTheBoundOfUnacknowledgedBytesAndResumesOnceTheBrokerCatchesUp() throws Exception {
        BridgedSession session = new BridgedSession(link, Topics.out("agent-a", "console-1", "s1"), ended -> { });
        session.attach(new Tunnel() {
            @Override
            public void received(byte[] bytes) {
            }

            @Override
            public void closed() {
            }

            @Override
            public void pauseSending() {
                pauses.incrementAndGet();
            }

            @Override
            public void resumeSending() {
                resumes.incrementAndGet();
            }
        });
        broker.freeze(); // nothing is acknowledged from here
        byte[] chunk = new byte[64 * 1024];
        for (int sent = 0; sent < 4; sent++) {
            session.send(chunk);
        }
        assertEquals(0, pauses.get(), "256 KiB unacknowledged is still within the bound");
        session.send(chunk);
        assertEquals(1, pauses.get(), "paused beyond 256 KiB");
        session.send(chunk); // what the transport had already produced
        assertEquals(1, pauses.get(), "paused once");
        assertFalse(resumes.get() > 0);

        broker.thaw();
        Conditions.waitUntil("resumed", () -> resumes.get() == 1);
        Conditions.waitUntil("everything acknowledged", () -> session.unacknowledged() == 0);
        assertTrue(link.isConnected());
    }
}
