package outpost.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerBrokerTest {

    @Test
    void anAgentOfTheBrokerIsKeyedAsOutpostCliKeysIt() {
        Server agent = Server.viaBroker("web_1", "");
        assertEquals("web_1", agent.name());
        assertEquals("web_1:0", agent.endpoint());
        assertTrue(agent.viaBroker());
        assertFalse(agent.hasName());
        assertEquals("db", agent.withGroup("db").group());
        assertTrue(agent.withGroup("db").viaBroker());
    }

    @Test
    void anAgentOfTheBrokerIsNeverTheSameAsAServerAtAnAddress() {
        assertFalse(Server.viaBroker("web-1", "").sameEndpoint(Server.of("web-1", 5005)));
        assertTrue(Server.viaBroker("Web-1", "a").sameEndpoint(Server.viaBroker("web-1", "b")));
    }

    @Test
    void anAgentIdThatIsNotOneTopicLevelIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Server.viaBroker("a/b", ""));
        assertThrows(IllegalArgumentException.class, () -> Server.viaBroker("#", ""));
        assertThrows(IllegalArgumentException.class, () -> Server.viaBroker("", ""));
        assertThrows(IllegalArgumentException.class, () -> Server.viaBroker("a b", ""));
    }

    @Test
    void portZeroStaysRefusedForAServerAtAnAddress() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Server.of("web-1", 0));
        assertEquals("port must be between 1 and 65535, not 0", refused.getMessage());
        assertTrue(ServerListDocument.parse("name,host,port,group\nweb,web-1,0,\n").servers().isEmpty());
    }

    @Test
    void aListFileNeverTakesAnAgentOfTheBroker() {
        ServerListDocument document = ServerListDocument.parse("name,host,port,group\nweb,web-1,5005,\n");
        assertThrows(IllegalArgumentException.class, () -> document.add(Server.viaBroker("web-2", "")));
        assertEquals(1, document.servers().size());
    }
}
