import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import outpost.client.AgentSession;
import outpost.client.SessionFactory;
import outpost.client.SessionSettings;
import outpost.client.internal.TransportSessionFactory;
import outpost.transport.internal.NettyTransport;

/**
 * Client sessions coming and going on one agent, for releng/measure-idle: each connects (TLS, full
 * handshake or resumed, token), asks {@code cpu} and closes, a few at a time. Prints how many
 * succeeded; exits 1 if any failed.
 *
 * java -cp 'PRODUCT/plugins/*' SessionChurn.java PORT TOKEN_FILE KNOWN_AGENTS SESSIONS PARALLEL
 */
public class SessionChurn {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = Files.readString(Path.of(args[1])).strip();
        Path known = Path.of(args[2]);
        int sessions = Integer.parseInt(args[3]);
        int parallel = Integer.parseInt(args[4]);
        SessionFactory factory = new TransportSessionFactory(new NettyTransport());
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            all.add(CompletableFuture.runAsync(() -> {
                try (AgentSession session = factory.create(SessionSettings.of("127.0.0.1", port, token, known))) {
                    session.connect();
                    session.execute("cpu", Duration.ofSeconds(10), chunk -> { }).result().get();
                } catch (Exception e) {
                    if (failed.incrementAndGet() == 1) {
                        System.err.println("a session failed: " + e);
                    }
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();
        System.out.println((sessions - failed.get()) + " of " + sessions + " sessions answered");
        System.exit(failed.get() == 0 ? 0 : 1);
    }
}
