package outpost.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServerListCsvTest {

    @Test
    void readsTheOriginalTwoColumnFiles() {
        ServerListReadResult result = ServerListCsv.read("127.0.0.1 , 10017\n127.0.1.20,5005\n");
        assertEquals(List.of(Server.of("127.0.0.1", 10017), Server.of("127.0.1.20", 5005)), result.servers());
        assertEquals("127.0.0.1:10017", result.servers().get(0).name(), "the name defaults to host:port");
        assertTrue(result.problems().isEmpty());
    }

    @Test
    void readsTheHeaderFormWithColumnsInAnyOrder() {
        ServerListReadResult result = ServerListCsv.read("""
                Host,Port,Name,Group
                web-01.invalid,5005,Web 1,production
                "db, primary",5006,"Database, primary",production
                """.replace("\"db, primary\"", "db-primary"));
        assertEquals(List.of(new Server("Web 1", "web-01.invalid", 5005, "production"),
                new Server("Database, primary", "db-primary", 5006, "production")), result.servers());
        assertTrue(result.problems().isEmpty(), result.problems().toString());
    }

    @Test
    void malformedRowsAreReportedWithTheirLineNumbersAndTheRestLoads() {
        String text = """
                name,host,port,group
                good one,127.0.0.1,5005,lab
                bad port,127.0.0.2,http,lab
                # a comment line

                out of range,127.0.0.3,70000,lab
                "multi
                line name",127.0.0.4,5005,lab
                bad host,exa mple.com,5005,lab
                too,many,fields,here,x
                again,127.0.0.1,5005,lab
                last,127.0.0.9,5005,lab
                """;
        ServerListReadResult result = ServerListCsv.read(text);
        assertEquals(List.of("good one", "multi\nline name", "last"), result.servers().stream().map(Server::name).toList());
        assertEquals(List.of(
                "line 3: port must be a number, not 'http'",
                "line 6: port must be between 1 and 65535, not 70000",
                "line 9: invalid host 'exa mple.com'",
                "line 10: expected 4 fields as in the header, found 5",
                "line 11: duplicate of line 2 (127.0.0.1:5005)"),
                result.problems().stream().map(ServerListProblem::toString).toList());
    }

    @Test
    void aHeaderWithAnUnknownColumnIsRefusedAsAWhole() {
        ServerListReadResult result = ServerListCsv.read("name,host,port,owner\na,127.0.0.1,5005,me\n");
        assertTrue(result.servers().isEmpty());
        assertEquals("line 1: unknown column 'owner' in the header (known: name, host, port, group)",
                result.problems().get(0).toString());
    }

    @Test
    void brokenQuotingKeepsWhatCameBeforeAndSaysWhere() {
        ServerListReadResult result = ServerListCsv.read("127.0.0.1,5005\n\"127.0.0.2,5005\n127.0.0.3,5005\n");
        assertEquals(List.of(Server.of("127.0.0.1", 5005)), result.servers());
        assertEquals(1, result.problems().size());
        assertTrue(result.problems().get(0).message().startsWith("unreadable CSV from here on"), result.problems().toString());
    }

    @Test
    void writtenListsReadBackUnchanged() throws Exception {
        List<Server> servers = List.of(new Server("Web, \"one\"", "web-01", 5005, "prod"),
                new Server("v6", "::1", 6000, ""), Server.of("127.1.2.3", 1));
        StringWriter out = new StringWriter();
        ServerListCsv.write(servers, out);
        assertTrue(out.toString().startsWith("name,host,port,group\n"), out.toString());
        ServerListReadResult back = ServerListCsv.read(out.toString());
        assertEquals(servers, back.servers());
        assertTrue(back.problems().isEmpty());
    }

    @Test
    void serverValidationExplainsTheProblem() {
        assertEquals("port must be between 1 and 65535, not 0",
                assertThrows(IllegalArgumentException.class, () -> Server.of("host", 0)).getMessage());
        assertEquals("invalid host 'a;rm -rf'",
                assertThrows(IllegalArgumentException.class, () -> Server.of("a;rm -rf", 5005)).getMessage());
        assertEquals("[fe80::1%eth0]:5005", Server.of("[fe80::1%eth0]", 5005).endpoint());
        assertTrue(Server.of("WEB-01", 5005).sameEndpoint(Server.of("web-01", 5005)));
    }
}
