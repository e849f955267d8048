package outpost.agent.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import outpost.transport.TlsIdentities;

class TlsWarmUpTest {

    @Test
    void completesAnInMemoryHandshakeWithTheAgentsOwnIdentity() throws Exception {
        assertTrue(TlsWarmUp.handshake(TlsIdentities.generate("warm-up-test")));
    }
}
