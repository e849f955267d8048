package outpost.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServerListDocumentTest {

    private static final String LAB = """
            # lab machines, kept by hand
            name,host,port,group
            web,127.0.0.1,5005,lab
            broken-row,127.0.0.1,notaport,lab

            db,127.0.0.2,5006,lab
            """;

    @Test
    void unreadableRowsCommentsAndBlankLinesStayInPlaceThroughAddEditAndRemove() {
        ServerListDocument document = ServerListDocument.parse(LAB);
        assertEquals(List.of("line 4: port must be a number, not 'notaport'"), problems(document));

        ServerListDocument added = document.add(new Server("cache", "127.0.0.3", 5007, "lab"));
        assertEquals(LAB + "cache,127.0.0.3,5007,lab\n", added.text());
        assertEquals(problems(document), problems(added), "the skipped row is still reported");

        ServerListDocument edited = added.replace(Server.of("127.0.0.1", 5005), new Server("web 1", "127.0.0.1", 5005, "lab"));
        assertEquals(LAB.replace("web,127.0.0.1", "web 1,127.0.0.1") + "cache,127.0.0.3,5007,lab\n", edited.text());

        ServerListDocument removed = edited.remove(List.of(Server.of("127.0.0.2", 5006)));
        assertEquals("""
                # lab machines, kept by hand
                name,host,port,group
                web 1,127.0.0.1,5005,lab
                broken-row,127.0.0.1,notaport,lab

                cache,127.0.0.3,5007,lab
                """, removed.text());
        assertEquals(problems(document), problems(removed));
    }

    @Test
    void untouchedRowsAreWrittenBackByteForByte() {
        String text = "\uFEFFname , host,port,group\r\n\"web, one\" , 127.0.0.1 ,5005,lab\r\n# note\r\nlast,127.0.0.9,1,";
        ServerListDocument document = ServerListDocument.parse(text.getBytes(StandardCharsets.UTF_8));
        assertEquals(text, document.text());
        assertEquals(text + "\r\nnew,127.0.0.5,2,\r\n", document.add(new Server("new", "127.0.0.5", 2, "")).text(),
                "the last line gets its line end, new rows take the file's CRLF");
    }

    @Test
    void aTwoColumnFileStaysTwoColumnsWhileItsServersCarryNothingMore() {
        String text = "127.0.0.1,5005\n127.0.0.1 , 5006\n";
        ServerListDocument document = ServerListDocument.parse(text);
        assertTrue(document.isTwoColumnForm());
        assertEquals(List.of("127.0.0.1:5005", "127.0.0.1:5006"), document.servers().stream().map(Server::name).toList(),
                "servers without a name are told apart by host:port");
        ServerListDocument added = document.add(Server.of("127.0.0.1", 5007));
        assertEquals(text + "127.0.0.1,5007\n", added.text());
        assertTrue(added.isTwoColumnForm());

        Server named = new Server("web", "127.0.0.1", 5008, "");
        assertFalse(document.canHold(named));
        assertThrows(IllegalStateException.class, () -> document.add(named), "a name needs the header form");
        assertFalse(document.canHold(new Server(null, "127.0.0.1", 5008, "lab")), "so does a group");
    }

    @Test
    void theHeaderFormKeepsCommentsAndUnreadableRowsAndInventsNoNames() {
        ServerListDocument document = ServerListDocument.parse("# mine\n127.0.0.1,5005\nbroken-row,127.0.0.1,notaport,lab\n");
        ServerListDocument converted = document.toHeaderForm().add(new Server("web", "127.0.0.1", 5006, "lab"));
        assertEquals("""
                # mine
                name,host,port,group
                "",127.0.0.1,5005,
                broken-row,127.0.0.1,notaport,lab
                web,127.0.0.1,5006,lab
                """, converted.text());
        assertEquals("127.0.0.1:5005", converted.servers().get(0).name());
        assertEquals(List.of("line 4: port must be a number, not 'notaport'"), problems(converted));
    }

    @Test
    void aNewFileGetsTheHeaderForm() {
        assertEquals("name,host,port,group\nweb,::1,5005,\n", ServerListDocument.empty().add(new Server("web", "::1", 5005, "")).text());
    }

    @Test
    void withServersRewritesOnlyWhatDiffers() {
        ServerListDocument document = ServerListDocument.parse(LAB);
        ServerListDocument changed = document.withServers(List.of(new Server("web", "127.0.0.1", 5005, "lab"),
                new Server("new", "127.0.0.4", 5005, "")));
        assertEquals("""
                # lab machines, kept by hand
                name,host,port,group
                web,127.0.0.1,5005,lab
                broken-row,127.0.0.1,notaport,lab

                new,127.0.0.4,5005,
                """, changed.text());
    }

    @Test
    void aFileWithAnUnknownColumnOrBytesThatAreNotUtf8IsNotChanged() {
        ServerListDocument unknownColumn = ServerListDocument.parse("name,host,port,owner\na,127.0.0.1,5005,me\n");
        assertThrows(IllegalStateException.class, () -> unknownColumn.add(Server.of("127.0.0.2", 5005)));
        ServerListDocument latin1 = ServerListDocument.parse("name,host,port,group\nb\u00e9ta,127.0.0.1,5005,\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, latin1.servers().size(), "what can be read is shown");
        assertThrows(IllegalStateException.class, () -> latin1.remove(latin1.servers()));
    }

    @Test
    void aReplaceOrDuplicateThatCannotApplyIsRefused() {
        ServerListDocument document = ServerListDocument.parse(LAB);
        assertThrows(IllegalArgumentException.class, () -> document.add(Server.of("127.0.0.2", 5006)));
        assertThrows(IllegalArgumentException.class,
                () -> document.replace(Server.of("127.0.0.8", 1), Server.of("127.0.0.8", 2)));
        assertThrows(IllegalArgumentException.class,
                () -> document.replace(Server.of("127.0.0.1", 5005), Server.of("127.0.0.2", 5006)));
    }

    private static List<String> problems(ServerListDocument document) {
        return document.problems().stream().map(ServerListProblem::toString).toList();
    }
}
