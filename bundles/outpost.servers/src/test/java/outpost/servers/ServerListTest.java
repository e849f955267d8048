package outpost.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ServerListTest {

    private static final Server WEB = new Server("web", "web-01.invalid", 5005, "prod");
    private static final Server DB = new Server("db", "127.0.0.7", 5005, "prod");
    private static final Server LAB = new Server("lab", "127.0.1.20", 5005, "");

    @Test
    void addAppendsAndRefusesASecondServerAtTheSameHostAndPort() {
        ServerList list = ServerList.of(List.of(WEB, DB));
        assertEquals(List.of(WEB, DB, LAB), list.add(LAB).servers());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> list.add(new Server("other name", "Web-01.Invalid", 5005, "x")));
        assertEquals("Web-01.Invalid:5005 is already in the list as 'web'", refused.getMessage());
        assertEquals(List.of(WEB, DB), list.servers(), "a refused change leaves the list as it was");
        assertThrows(IllegalArgumentException.class, () -> ServerList.of(List.of(WEB, DB, WEB)));
    }

    @Test
    void replaceKeepsThePlaceAndChecksDuplicatesAgainstTheOthers() {
        ServerList list = ServerList.of(List.of(WEB, DB, LAB));
        Server movedDb = new Server("db", "127.0.0.8", 5005, "prod");
        assertEquals(List.of(WEB, movedDb, LAB), list.replace(DB, movedDb).servers());
        assertEquals(List.of(WEB, new Server("database", "127.0.0.7", 5005, "prod"), LAB),
                list.replace(DB, new Server("database", "127.0.0.7", 5005, "prod")).servers(), "renaming keeps host and port");
        assertThrows(IllegalArgumentException.class, () -> list.replace(DB, new Server("db", "127.0.1.20", 5005, "")));
        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class,
                () -> list.remove(Set.of(DB)).replace(DB, movedDb));
        assertEquals("'db' (127.0.0.7:5005) is no longer in the list", gone.getMessage());
    }

    @Test
    void removeDropsTheGivenServers() {
        assertEquals(List.of(DB), ServerList.of(List.of(WEB, DB, LAB)).remove(Set.of(WEB, LAB)).servers());
    }

    @Test
    void importMergesNewServersFlagsDuplicatesAndPassesOnUnreadableRows() {
        ServerList list = ServerList.of(List.of(WEB, DB));
        ServerListReadResult file = ServerListCsv.read("""
                name,host,port,group
                db again,127.0.0.7,5005,other
                cache,127.0.0.9,5005,prod
                broken,127.0.0.10,port,prod
                web again,WEB-01.invalid,5005,prod
                lab,127.0.1.20,5005,
                """);
        ServerList.ImportReport report = list.merge(file);
        assertEquals(List.of(WEB, DB, new Server("cache", "127.0.0.9", 5005, "prod"), LAB), report.list().servers());
        assertEquals(List.of(new Server("cache", "127.0.0.9", 5005, "prod"), LAB), report.added());
        assertEquals(List.of("line 2: 127.0.0.7:5005 is already in the list as 'db': not added again",
                "line 4: port must be a number, not 'port'",
                "line 5: WEB-01.invalid:5005 is already in the list as 'web': not added again"),
                report.flagged().stream().map(ServerListProblem::toString).toList());
        assertEquals("2 servers added, 2 already in the list, 1 row skipped", report.summary());
        assertEquals(List.of(WEB, DB), list.servers(), "the original list value is unchanged");
    }

    @Test
    void importingTheSameFileTwiceAddsNothingTheSecondTime() {
        ServerListReadResult file = ServerListCsv.read("127.0.0.1,5005\n127.0.0.2,5005\n");
        ServerList once = ServerList.empty().merge(file).list();
        ServerList.ImportReport twice = once.merge(file);
        assertEquals(once, twice.list());
        assertEquals(List.of(), twice.added());
        assertEquals(2, twice.duplicates().size());
    }
}
