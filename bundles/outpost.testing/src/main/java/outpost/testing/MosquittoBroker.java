package outpost.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Mosquitto broker for tests: /usr/sbin/mosquitto on 127.0.0.1 and a free port, with TLS (a
 * CA and a certificate for 127.0.0.1 made with the openssl command into a temporary folder), a
 * password file made with mosquitto_passwd, and the ACL Outpost ships (releng/broker/acl), so the
 * tests check the file users get. {@link #stop()} kills it; {@link #start()} starts it again on the
 * same port. {@link #bridgeTo} makes it a second broker bridged to a first, with the shipped
 * releng/broker/bridge.conf.example.
 */
public final class MosquittoBroker implements AutoCloseable {

    public static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    private final Path folder;
    private final Path acl;
    private final int port;
    private final List<String> accounts = new ArrayList<>();
    private String bridge = "";
    private Process process;

    /**
     * Makes the certificates in a new temporary folder; {@link #addAccount} then {@link #start}.
     *
     * @param acl the ACL file: {@link #shippedAcl()} in tests of broker mode
     */
    public MosquittoBroker(Path acl) throws IOException, InterruptedException {
        if (!Files.isExecutable(MOSQUITTO) || !Files.isExecutable(PASSWD)) {
            throw new IllegalStateException(MOSQUITTO + " or " + PASSWD
                    + " is missing: install Debian's mosquitto package (releng/test does)");
        }
        this.acl = acl.toAbsolutePath();
        this.folder = Files.createTempDirectory("outpost-mosquitto");
        this.port = freePort();
        makeCertificates();
    }

    /** releng/broker/acl of the source tree the test runs in (tests run in their module's folder). */
    public static Path shippedAcl() {
        return shipped("acl");
    }

    private static Path shipped(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("releng/broker").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("releng/broker/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Bridges this broker to {@code remote} (call before {@link #start()}) with the shipped
     * releng/broker/bridge.conf.example, only its {@code address}, {@code bridge_cafile} and
     * {@code remote_password} replaced by the remote's, so the tests prove the example users copy.
     *
     * @param password the password of the account the example names ({@code remote_username}),
     *        which must be an account of {@code remote}
     */
    public MosquittoBroker bridgeTo(MosquittoBroker remote, String password) throws IOException {
        Path example = shipped("bridge.conf.example");
        Map<String, String> replaced = new LinkedHashMap<>(Map.of("address", "127.0.0.1:" + remote.port(),
                "bridge_cafile", remote.caFile().toString(), "remote_password", password));
        StringBuilder config = new StringBuilder();
        String account = null;
        for (String line : Files.readAllLines(example, StandardCharsets.UTF_8)) {
            String key = line.split(" ", 2)[0];
            if (key.equals("remote_username")) {
                account = line.substring(key.length()).strip();
            }
            String value = replaced.remove(key);
            config.append(value == null ? line : key + " " + value).append(System.lineSeparator());
        }
        if (!replaced.isEmpty() || account == null) {
            throw new IllegalStateException(example + " lacks remote_username or " + replaced.keySet());
        }
        if (!remote.accounts.contains(account)) {
            throw new IllegalStateException("the bridge's account " + account + " is not an account of the remote broker");
        }
        bridge = config.toString();
        return this;
    }

    /** An account (its name is also its MQTT client id: the broker is set to use_username_as_clientid). */
    public MosquittoBroker addAccount(String user, String password) throws IOException, InterruptedException {
        Path passwords = folder.resolve("passwords");
        List<String> command = new ArrayList<>(List.of(PASSWD.toString()));
        if (!Files.exists(passwords)) {
            command.add("-c");
        }
        command.addAll(List.of("-b", passwords.toString(), user, password));
        run(command);
        accounts.add(user);
        return this;
    }

    /** Writes {@code password} to a file of the temporary folder, as an agent's configuration names it. */
    public Path passwordFile(String user, String password) throws IOException {
        return Files.writeString(folder.resolve(user + ".password"), password + "\n");
    }

    public synchronized MosquittoBroker start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "per_listener_settings false",
                "listener " + port + " 127.0.0.1",
                "cafile " + caFile(),
                "certfile " + folder.resolve("server.pem"),
                "keyfile " + folder.resolve("server.key"),
                "allow_anonymous false",
                "password_file " + folder.resolve("passwords"),
                "use_username_as_clientid true",
                "acl_file " + acl,
                // as releng/broker/mosquitto.conf: the default 1,000 drops a big fleet's retained states
                "max_queued_messages 100000",
                "persistence false",
                "user " + System.getProperty("user.name"),
                "log_type error", "log_type warning", "log_type notice",
                "") + System.lineSeparator() + bridge); // a bridge's section last: its options end the file
        process = new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("mosquitto.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto ended at start (exit " + process.exitValue() + "): " + log());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("mosquitto does not listen on port " + port + ": " + log());
                }
                Thread.sleep(50);
            }
        }
    }

    /** Kills the broker (SIGKILL: clients get no DISCONNECT, as when its machine fails). */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
            process = null;
        }
    }

    /** Suspends the broker (SIGSTOP): connections stay open, nothing is read or acknowledged until {@link #thaw()}. */
    public synchronized void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen broker run again (SIGCONT). */
    public synchronized void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        if (process == null) {
            throw new IllegalStateException("not running");
        }
        run(List.of("kill", name, Long.toString(process.pid())));
    }

    public String url() {
        return "ssl://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The PEM certificate of the CA that signed the broker's certificate. */
    public Path caFile() {
        return folder.resolve("ca.pem");
    }

    public Path serverCertificate() {
        return folder.resolve("server.pem");
    }

    public String log() throws IOException {
        Path log = folder.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void makeCertificates() throws IOException, InterruptedException {
        String dir = folder.toString() + "/";
        Files.writeString(folder.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir + "ca.key", "-out", dir + "ca.pem", "-days", "2", "-subj", "/CN=Outpost test CA"));
        run(List.of("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                dir + "server.key", "-out", dir + "server.csr", "-subj", "/CN=127.0.0.1"));
        run(List.of("openssl", "x509", "-req", "-in", dir + "server.csr", "-CA", dir + "ca.pem", "-CAkey", dir + "ca.key",
                "-CAcreateserial", "-out", dir + "server.pem", "-days", "2", "-extfile", dir + "san.ext"));
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (started.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
