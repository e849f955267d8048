package outpost.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ServerFormTest {

    private static final ServerList LIST = ServerList.of(List.of(new Server("web", "web-01.invalid", 5005, "prod"),
            new Server("db", "127.0.0.7", 5005, "prod")));

    @ParameterizedTest
    @ValueSource(strings = { "localhost", "web-01.invalid", "invalid.", "127.0.0.1", "255.255.255.255", "0.0.0.0",
            "::1", "fe80::1%2", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1", "[::1]", "xn--bcher-kva.example" })
    void acceptsDnsNamesAndAddressLiterals(String host) {
        assertEquals(List.of(), new ServerForm("x", host, "5005", "").problems(ServerList.empty(), null), host);
    }

    @ParameterizedTest
    @ValueSource(strings = { "exa mple.com", "-web.invalid", "web_01", "999.1.1.1", "10.1", "1.2.3.4.5", "1:2:3",
            "2001:db8:::1", "12345::", "fe80::g", "host:5005", "a..b" })
    void refusesWhatIsNeitherANameNorAnAddress(String host) {
        List<String> problems = new ServerForm("x", host, "5005", "").problems(ServerList.empty(), null);
        assertEquals(List.of("'" + host + "' is neither a DNS name nor an IPv4 or IPv6 address."), problems, host);
        assertFalse(Server.isValidHost(host));
    }

    @Test
    void hostAndPortAreRequired() {
        assertEquals(List.of("Enter a host: a DNS name, an IPv4 or an IPv6 address.",
                "The port must be a number from 1 to 65535."), new ServerForm(" ", "", "", "").problems(LIST, null));
    }

    @Test
    void aServerWithoutANameIsCalledByItsHostAndPortAndEditsWithAnEmptyName() {
        ServerForm unnamed = new ServerForm(" ", "127.0.0.1", "5006", "");
        assertEquals(List.of(), unnamed.problems(LIST, null));
        Server server = unnamed.toServer();
        assertEquals("127.0.0.1:5006", server.name());
        assertFalse(server.hasName());
        assertEquals("", ServerForm.of(server).name(), "editing does not turn host:port into a name");
        assertTrue(new Server("web", "127.0.0.1", 5006, "").hasName());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "65536", "-1", "80a", "99999999999", "5 005" })
    void portsOutsideOneTo65535AreRefused(String port) {
        assertEquals(List.of("The port must be a number from 1 to 65535."),
                new ServerForm("x", "invalid", port, "").problems(LIST, null));
        assertThrows(IllegalArgumentException.class, () -> new ServerForm("x", "invalid", port, "").toServer());
    }

    @Test
    void aHostAndPortAlreadyInTheListIsRefusedByName() {
        assertEquals(List.of("127.0.0.7:5005 is already in the list as 'db'."),
                new ServerForm("database", "127.0.0.7", "5005", "").problems(LIST, null));
        assertEquals(List.of("WEB-01.invalid:5005 is already in the list as 'web'."),
                new ServerForm("w", "WEB-01.invalid", "5005", "").problems(LIST, null), "host names ignore case");
        assertTrue(new ServerForm("database", "127.0.0.7", "5006", "").problems(LIST, null).isEmpty(), "another port is fine");
    }

    @Test
    void editingAServerMayKeepItsOwnHostAndPort() {
        Server db = LIST.servers().get(1);
        ServerForm renamed = new ServerForm("primary db", "127.0.0.7", "5005", "prod");
        assertTrue(renamed.problems(LIST, db).isEmpty());
        assertEquals(List.of("127.0.0.7:5005 is already in the list as 'db'."),
                renamed.problems(LIST, LIST.servers().get(0)), "but not take another's");
        assertEquals(new Server("primary db", "127.0.0.7", 5005, "prod"), renamed.toServer());
    }

    @Test
    void fieldsAreTrimmedAndAnExistingServerFillsTheForm() {
        Server server = new ServerForm("  web 2 ", " [2001:db8::2] ", " 6000 ", " lab ").toServer();
        assertEquals(new Server("web 2", "2001:db8::2", 6000, "lab"), server);
        assertEquals(new ServerForm("web 2", "2001:db8::2", "6000", "lab"), ServerForm.of(server));
    }
}
