package outpost.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import outpost.client.KnownAgents;
import outpost.transport.TlsIdentities;
import outpost.transport.TlsIdentity;

class FingerprintPinningTest {

    private static TlsIdentity agent;
    private static TlsIdentity impostor;

    @TempDir
    Path directory;

    @BeforeAll
    static void identities() throws Exception {
        agent = TlsIdentities.generate("web-01");
        impostor = TlsIdentities.generate("web-01");
    }

    @Test
    void firstUsePinsTheFingerprintOnceTheSessionSucceeds() throws Exception {
        KnownAgents known = new KnownAgents(directory.resolve("known_agents"));
        FingerprintPinning pinning = new FingerprintPinning(known, true);
        pinning.check("web-01", 5005, agent.certificate());
        assertEquals(Optional.empty(), known.fingerprint("web-01", 5005), "nothing is pinned before authentication");
        pinning.rememberIfNew("web-01", 5005);
        assertEquals(Optional.of(agent.fingerprint()), new KnownAgents(known.file()).fingerprint("WEB-01", 5005));
        new FingerprintPinning(known, false).check("web-01", 5005, agent.certificate());
    }

    @Test
    void aChangedCertificateIsRefusedWithAWarningAboutInterception() throws Exception {
        KnownAgents known = new KnownAgents(directory.resolve("known_agents"));
        known.remember("web-01", 5005, agent.fingerprint());
        CertificateException error = assertThrows(CertificateException.class,
                () -> new FingerprintPinning(known, true).check("web-01", 5005, impostor.certificate()));
        assertTrue(error.getMessage().contains("has CHANGED"), error.getMessage());
        assertTrue(error.getMessage().contains(agent.fingerprint()) && error.getMessage().contains(impostor.fingerprint()));
        assertTrue(error.getMessage().contains("man-in-the-middle"), error.getMessage());
        assertTrue(error.getMessage().contains(known.file().toString()), "says which file to edit");
    }

    @Test
    void anUnknownAgentIsRefusedUnlessNewOnesAreTrusted() {
        KnownAgents known = new KnownAgents(directory.resolve("known_agents"));
        CertificateException error = assertThrows(CertificateException.class,
                () -> new FingerprintPinning(known, false).check("web-02", 5005, agent.certificate()));
        assertTrue(error.getMessage().contains("is not known yet") && error.getMessage().contains(agent.fingerprint()),
                error.getMessage());
    }

    @Test
    void aRefusedUnknownAgentLeavesItsFingerprintForTheUserToJudge() throws Exception {
        KnownAgents known = new KnownAgents(directory.resolve("known_agents"));
        FingerprintPinning refusing = new FingerprintPinning(known, false);
        assertThrows(CertificateException.class, () -> refusing.check("web-02", 5005, agent.certificate()));
        assertEquals(Optional.of(agent.fingerprint()), refusing.refusedUnknown());
        assertEquals(Optional.empty(), known.fingerprint("web-02", 5005), "nothing pinned without the user's word");

        known.remember("web-02", 5005, refusing.refusedUnknown().get()); // what the console does once the user accepts
        FingerprintPinning again = new FingerprintPinning(known, false);
        again.check("web-02", 5005, agent.certificate());
        assertEquals(Optional.empty(), again.refusedUnknown());
        assertThrows(CertificateException.class, () -> again.check("web-02", 5005, impostor.certificate()));
        assertEquals(Optional.empty(), again.refusedUnknown(), "a changed certificate is not offered for trust");
    }
}
