package outpost.explorer.ui.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrokerGroupsTest {

    @Test
    void anAgentNeverAssignedIsInTheGroupItAnnounces() {
        assertEquals("web", BrokerGroups.chosen(null, "web"));
    }

    @Test
    void anAgentThatAnnouncesNoGroupIsInTheBrokersGroup() {
        assertEquals(BrokerGroups.UNASSIGNED, BrokerGroups.chosen(null, ""));
        assertEquals(BrokerGroups.UNASSIGNED, BrokerGroups.chosen(null, "  "));
    }

    @Test
    void theUsersGroupWinsOverTheAnnouncedOneEvenNoGroup() {
        assertEquals("frontend", BrokerGroups.chosen("frontend", "web"));
        assertEquals("", BrokerGroups.chosen("", "web"), "the user filed it under no group");
        assertEquals("Broker", BrokerGroups.chosen("Broker", "web"), "the user moved it back to Broker");
    }
}
