package outpost.agent.internal.plaintext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import outpost.testing.Conditions;
import outpost.agent.AgentSettings;
import outpost.agent.PlainTextSettings;
import outpost.agent.ShellPolicy;
import outpost.agent.internal.AgentRuntime;

/** The plain-text dialect on a real agent over loopback, read as nc and the original clients read it. */
class PlainTextIT {

    private AgentRuntime agent;
    private Path data;

    private InetSocketAddress start(PlainTextSettings plainText) throws Exception {
        ServiceTracker<AgentRuntime, AgentRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(PlainTextIT.class).getBundleContext(), AgentRuntime.class, null);
        tracker.open();
        agent = tracker.waitForService(10_000);
        assertNotNull(agent);
        data = Files.createTempDirectory("outpost-plain-text-it");
        // shell allowed for framed clients: the plain-text port must refuse it all the same
        agent.start(AgentSettings.defaults(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data)
                .withTls(false).withShell(new ShellPolicy(List.of("*"), List.of()), Duration.ofSeconds(10), 1 << 20)
                .withPlainText(plainText));
        return agent.status().orElseThrow().plainText().orElse(null);
    }

    private InetSocketAddress startEnabled() throws Exception {
        PlainTextSettings settings = new PlainTextSettings(true, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                List.of(), 64, 4, Duration.ofSeconds(30));
        return start(settings);
    }

    @Test
    void onLinuxThePortUsesEpollAsTheFramedPortDoes() {
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertEquals("epoll", PlainTextIo.detect().name(), "the test framework has the epoll fragment, as the products");
        }
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
    }

    @Test
    void aCommandGetsTheTextTheFramedProtocolCarriesThenALoneDot() throws Exception {
        InetSocketAddress address = startEnabled();
        try (Socket socket = connect(address)) {
            String answer = ask(socket, "name");
            assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip() + "\n.\n", answer);
            String cpu = ask(socket, "cpu");
            assertTrue(cpu.startsWith("CPU: ") && cpu.endsWith("\n.\n"), cpu);
            String help = ask(socket, "help");
            assertTrue(help.contains("cpu") && !help.contains("reset") && !help.contains("sh:"), help);
            // several lines in one write, as nc sends a piped file: answered one by one, in order
            socket.getOutputStream().write("frob\nname\nsh: id\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("error: unknown command 'frob', try help\n.\n", readAnswer(socket.getInputStream()));
            assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip() + "\n.\n",
                    readAnswer(socket.getInputStream()));
            assertTrue(readAnswer(socket.getInputStream()).startsWith("error: shell commands never run"));
        }
        // read requests are written to the audit log in batches, a moment after they end
        Conditions.waitUntil("audited with the plain-text token name",
                () -> auditLog().contains("token=plain-text status=OK exit=0"));
    }

    private String auditLog() {
        try {
            return Files.readString(data.resolve("audit.log.0"));
        } catch (java.io.IOException notYet) {
            return "";
        }
    }

    @Test
    void anOriginalClientsBareCommandInAnyCaseIsAnsweredInOneRead() throws Exception {
        InetSocketAddress address = startEnabled();
        String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        try (Socket socket = connect(address)) {
            // as the original clients: s.send("NAME".encode()), then one s.recv(1024), no line end either way
            assertEquals(hostName, sendBareAndReadOnce(socket, "NAME"));
            String cpu = sendBareAndReadOnce(socket, "Cpu");
            assertTrue(cpu.startsWith("CPU: ") && !cpu.endsWith("\n.\n"), cpu);
            assertEquals("error: unknown command 'frob', try help", sendBareAndReadOnce(socket, "FROB"));
            // nc on the same connection: lines still get the dotted answer
            assertEquals(hostName + "\n.\n", ask(socket, "name"));
            assertEquals("error: empty line; try help\n.\n", ask(socket, ""));
            assertEquals(hostName, sendBareAndReadOnce(socket, "name"));
        }
    }

    @Test
    void aBareAnswerLongerThanOneReadIsCutSoTheNextAnswerIsNotShifted() throws Exception {
        var registration = FrameworkUtil.getBundle(PlainTextIT.class).getBundleContext().registerService(
                outpost.agent.AgentCommand.class, new outpost.agent.AgentCommand() {
                    @Override
                    public String name() {
                        return "wide";
                    }

                    @Override
                    public String help() {
                        return "writes 2000 bytes";
                    }

                    @Override
                    public int execute(outpost.agent.CommandContext context) {
                        context.stdout("é".repeat(1000));
                        return 0;
                    }
                }, null);
        try (Socket socket = connect(startEnabled())) {
            String wide = sendBareAndReadOnce(socket, "WIDE");
            assertEquals(PlainTextRequest.BARE_ANSWER_BYTES, wide.getBytes(StandardCharsets.UTF_8).length, wide);
            assertTrue(wide.startsWith("éé") && wide.endsWith(PlainTextRequest.BARE_CUT) && !wide.contains("\uFFFD"), wide);
            assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), sendBareAndReadOnce(socket, "name"),
                    "the next answer is the next command's");
            assertEquals("é".repeat(1000) + "\n.\n", ask(socket, "wide"), "a line gets the whole answer");
        } finally {
            registration.unregister();
        }
    }

    @Test
    void theOriginalPythonClientsCodeGetsItsAnswers() throws Exception {
        InetSocketAddress address = startEnabled();
        String client = String.join("\n",
                "import socket, sys",
                "s = socket.socket()",
                "s.connect(('127.0.0.1', int(sys.argv[1])))",
                "for msg in ['name', 'CPU', 'Ram']:",
                "    s.send(msg.encode())",
                "    print(repr(s.recv(1024).decode()))",
                "s.send('disconnect'.encode())",
                "print(repr(s.recv(1024).decode()))",
                "print(repr(s.recv(1024).decode()))",
                "s.close()");
        Process python;
        try {
            python = new ProcessBuilder("python3", "-c", client, String.valueOf(address.getPort()))
                    .redirectErrorStream(true).start();
        } catch (IOException missing) {
            org.junit.jupiter.api.Assumptions.abort("python3 is not installed: " + missing.getMessage());
            return;
        }
        assertTrue(python.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the client ends");
        List<String> lines = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), lines.toString());
        assertEquals("'" + Files.readString(Path.of("/proc/sys/kernel/hostname")).strip() + "'", lines.get(0));
        assertTrue(lines.get(1).startsWith("'CPU: "), lines.get(1));
        assertTrue(lines.get(2).startsWith("'RAM"), lines.get(2));
        assertEquals("'disconnecting'", lines.get(3));
        assertEquals("''", lines.get(4), "then the agent closes");
        assertEquals(0, python.exitValue(), lines.toString());
    }

    @Test
    void unknownShellAndAdminCommandsAreRefusedWithAReason() throws Exception {
        InetSocketAddress address = startEnabled();
        try (Socket socket = connect(address)) {
            assertEquals("error: unknown command 'frobnicate', try help\n.\n", ask(socket, "frobnicate"));
            String shell = ask(socket, "sh: touch " + data.resolve("ran"));
            assertTrue(shell.startsWith("error: shell commands never run for this port, which has no authentication"),
                    shell);
            assertTrue(ask(socket, "linux: id").startsWith("error: shell commands never run"));
            assertTrue(ask(socket, "kill").startsWith("error: 'kill' needs the admin role; this port has no authentication"));
            assertEquals(Boolean.TRUE, agent.status().isPresent(), "still listening after kill was refused");
        }
        assertFalse(Files.exists(data.resolve("ran")), "nothing ran a shell");
        String audit = Files.readString(data.resolve("audit.log.0"));
        assertTrue(audit.contains("token=plain-text status=FORBIDDEN") && audit.contains("command=sh: touch"), audit);
    }

    @Test
    void aTooLongLineIsAnsweredWithAnErrorAndTheConnectionClosed() throws Exception {
        InetSocketAddress address = startEnabled();
        try (Socket socket = connect(address)) {
            socket.getOutputStream().write(("cpu" + "x".repeat(100) + "\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("error: line longer than 64 characters; closing\n.\n", readAnswer(socket.getInputStream()));
            assertEquals(-1, socket.getInputStream().read(), "closed by the agent");
        }
        try (Socket other = connect(address)) {
            assertTrue(ask(other, "os").endsWith("\n.\n"), "the agent serves the next client");
        }
    }

    @Test
    void twoClientsAreServedAtOnceAndAConfiguredListNarrowsTheCommands() throws Exception {
        PlainTextSettings narrowed = new PlainTextSettings(true,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of("name", "os"), 64, 4,
                Duration.ofSeconds(30));
        InetSocketAddress address = start(narrowed);
        try (Socket first = connect(address); Socket second = connect(address)) {
            first.getOutputStream().write("name\n".getBytes(StandardCharsets.US_ASCII));
            second.getOutputStream().write("os\n".getBytes(StandardCharsets.US_ASCII));
            String os = readAnswer(second.getInputStream());
            String name = readAnswer(first.getInputStream());
            assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip() + "\n.\n", name);
            assertTrue(os.endsWith("\n.\n") && !os.startsWith("error"), os);
            assertTrue(ask(first, "cpu").startsWith("error: 'cpu' is not offered on this port"));
            assertEquals(2, agent.clients().stream().filter(c -> c.dialect().equals("plain-text")).count());
        }
    }

    @Test
    void clientsBeyondTheLimitAreToldSoAndASilentClientIsDisconnected() throws Exception {
        InetSocketAddress address = start(new PlainTextSettings(true,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(), 64, 2, Duration.ofSeconds(1)));
        try (Socket first = connect(address); Socket second = connect(address); Socket third = connect(address)) {
            assertEquals("error: this port serves at most 2 clients at once; try again later\n.\n",
                    readAnswer(third.getInputStream()));
            assertEquals(-1, third.getInputStream().read(), "the third is closed");
            assertTrue(ask(first, "name").endsWith("\n.\n"), "the first two are served");
            assertEquals("error: nothing received for 1 s; closing\n.\n", readAnswer(second.getInputStream()));
            assertEquals(-1, second.getInputStream().read(), "the silent one is closed");
        }
    }

    @Test
    void outputLinesStartingWithADotGetASecondOneSoOnlyTheEndIsALoneDot() throws Exception {
        var registration = FrameworkUtil.getBundle(PlainTextIT.class).getBundleContext().registerService(
                outpost.agent.AgentCommand.class, new outpost.agent.AgentCommand() {
                    @Override
                    public String name() {
                        return "dots";
                    }

                    @Override
                    public String help() {
                        return "prints lines that start with dots";
                    }

                    @Override
                    public int execute(outpost.agent.CommandContext context) {
                        context.stdout(".hidden\n.");
                        context.stdout("\nend");
                        return 0;
                    }
                }, null);
        try (Socket socket = connect(startEnabled())) {
            assertEquals("..hidden\n..\nend\n.\n", ask(socket, "dots"));
        } finally {
            registration.unregister();
        }
    }

    @Test
    void offByDefaultNoPortOpens() throws Exception {
        Set<Integer> before = listeningPortsOfThisProcess();
        assertEquals(null, start(PlainTextSettings.OFF));
        Set<Integer> opened = listeningPortsOfThisProcess();
        opened.removeAll(before);
        assertEquals(Set.of(agent.address().orElseThrow().getPort()), opened, "only the framed protocol's port");
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String ask(Socket socket, String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        return readAnswer(socket.getInputStream());
    }

    /** Sends a command without a line end and reads once, as the original clients' recv(1024). */
    private static String sendBareAndReadOnce(Socket socket, String command) throws IOException {
        socket.getOutputStream().write(command.getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[1024];
        int read = socket.getInputStream().read(buffer);
        return read < 0 ? "(closed)" : new String(buffer, 0, read, StandardCharsets.UTF_8);
    }

    /** Reads until the lone dot, as a client's recv loop would. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the answer: " + bytes);
            }
            bytes.write(b);
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (text.equals(".\n") || text.endsWith("\n.\n")) {
                return text;
            }
        }
    }

    /** TCP ports in LISTEN state whose sockets this process holds (/proc: socket inodes of our fds). */
    private static Set<Integer> listeningPortsOfThisProcess() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // the fd closed meanwhile
                }
            });
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : new String[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" }) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals("0A") && inodes.contains(fields[9])) {
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
