package outpost.explorer.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import outpost.servers.Server;
import outpost.servers.ServerListDocument;

class ListMessagesTest {

    @Test
    void theSkippedRowsStayInEveryMessageUntilFixed() {
        ServerListDocument document = ServerListDocument.parse("name,host,port,group\nbroken-row,127.0.0.1,notaport,lab\n")
                .add(new Server("web", "127.0.0.1", 5005, ""));
        assertEquals("Added web (127.0.0.1:5005)\n1 row skipped (kept in the file as they are):\n"
                + "  line 2: port must be a number, not 'notaport'",
                ListMessages.withProblems("Added web (127.0.0.1:5005)", document));
        assertEquals("Added", ListMessages.withProblems("Added ", ServerListDocument.empty()));
    }
}
