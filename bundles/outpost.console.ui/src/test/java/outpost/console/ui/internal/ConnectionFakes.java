package outpost.console.ui.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import outpost.client.AgentSession;
import outpost.client.CertificateChangedException;
import outpost.client.PinStore;
import outpost.servers.Server;

/** Stand-ins for what a {@link ConsoleConnection} uses besides sessions: threads run by the test, storage in memory, a recording console. */
final class ConnectionFakes {

    private ConnectionFakes() {
    }

    /** The UI thread and the background, both run by the test on its own thread, in order. */
    static final class ManualThreads implements Executor, BackgroundWork {
        final Deque<Runnable> uiQueue = new ArrayDeque<>();
        final List<ScheduledTask> tasks = new ArrayList<>();

        record ScheduledTask(String name, long delayMillis, boolean system, Runnable work, boolean[] state) {
            boolean cancelled() {
                return state[0];
            }

            boolean ran() {
                return state[1];
            }

            boolean waiting() {
                return !cancelled() && !ran();
            }
        }

        @Override
        public void execute(Runnable step) {
            uiQueue.add(step);
        }

        @Override
        public Task schedule(String name, long delayMillis, boolean system, Runnable work) {
            ScheduledTask task = new ScheduledTask(name, delayMillis, system, work, new boolean[2]);
            tasks.add(task);
            return () -> task.state()[0] = true;
        }

        /** Runs UI steps and undelayed background work until none is left; delayed work waits for {@link #runDelayed}. */
        void settle() {
            for (int rounds = 0; rounds < 1_000; rounds++) {
                if (!uiQueue.isEmpty()) {
                    uiQueue.poll().run();
                    continue;
                }
                Optional<ScheduledTask> due = tasks.stream().filter(t -> t.waiting() && t.delayMillis() == 0).findFirst();
                if (due.isEmpty()) {
                    return;
                }
                run(due.get());
            }
            throw new AssertionError("the connection never settles");
        }

        /** The delayed work waiting now (a reconnect), if any. */
        Optional<ScheduledTask> delayed() {
            return tasks.stream().filter(t -> t.waiting() && t.delayMillis() > 0).findFirst();
        }

        /** Lets the waiting delayed work run as if its delay had passed, then settles. */
        void runDelayed() {
            run(delayed().orElseThrow(() -> new AssertionError("nothing is scheduled: " + tasks)));
            settle();
        }

        List<ScheduledTask> waiting() {
            return tasks.stream().filter(ScheduledTask::waiting).toList();
        }

        private static void run(ScheduledTask task) {
            task.state()[1] = true;
            task.work().run();
        }
    }

    /** Tokens and pins in maps. */
    static final class MemoryCredentials implements CredentialStore, PinStore {
        final Map<String, String> tokens = new HashMap<>();
        final Map<String, String> pins = new HashMap<>();
        /** What was done to the store, in order: "token read", "token stored: T", "pinned: F". */
        final List<String> log = new ArrayList<>();

        @Override
        public Optional<String> token(Server server) {
            log.add("token read");
            return Optional.ofNullable(tokens.get(ConsoleCredentials.key(server)));
        }

        @Override
        public void rememberToken(Server server, String token) {
            log.add("token stored: " + token);
            tokens.put(ConsoleCredentials.key(server), token);
        }

        @Override
        public void forgetToken(Server server) {
            tokens.remove(ConsoleCredentials.key(server));
        }

        @Override
        public PinStore pins() {
            return this;
        }

        @Override
        public List<StoredCredential> stored() {
            throw new UnsupportedOperationException("the connection lists nothing");
        }

        @Override
        public void forgetPin(String host, int port) {
            pins.remove(ConsoleCredentials.key(host, port));
        }

        @Override
        public String tokenLocation() {
            return "memory";
        }

        @Override
        public Optional<String> fingerprint(String host, int port) {
            return Optional.ofNullable(pins.get(ConsoleCredentials.key(host, port)));
        }

        @Override
        public void remember(String host, int port, String fingerprint) {
            log.add("pinned: " + fingerprint);
            pins.put(ConsoleCredentials.key(host, port), fingerprint);
        }

        @Override
        public String location() {
            return "memory";
        }
    }

    /** Writes down what the console would show, and answers questions as the test says. */
    static final class RecordingConsole implements ConnectionListener {
        final List<String> transcript = new ArrayList<>();
        final List<ConnectionState> states = new ArrayList<>();
        final List<String> failureDialogs = new ArrayList<>();
        int started;
        int ended;
        Optional<String> typedToken = Optional.empty();
        /** Answers to the next token questions, before {@link #typedToken}. */
        final Deque<String> typedTokens = new ArrayDeque<>();
        int tokenQuestions;
        /** The questions asked, in order: "token", "trust F", "changed F". */
        final List<String> questions = new ArrayList<>();
        Consumer<Boolean> openQuestion;
        String questionAbout;

        ConnectionState state() {
            return states.isEmpty() ? ConnectionState.DISCONNECTED : states.get(states.size() - 1);
        }

        String lastLine() {
            return transcript.get(transcript.size() - 1);
        }

        boolean said(String text) {
            return transcript.stream().anyMatch(line -> line.contains(text));
        }

        /** Answers the open certificate question. */
        void answer(boolean trust) {
            Consumer<Boolean> answer = openQuestion;
            openQuestion = null;
            answer.accept(trust);
        }

        @Override
        public void stateChanged(ConnectionState state) {
            states.add(state);
        }

        @Override
        public void info(String text) {
            transcript.add(text);
        }

        @Override
        public void error(String text) {
            transcript.add("ERROR " + text);
        }

        @Override
        public void connected(AgentSession session) {
            started++;
        }

        @Override
        public void sessionEnded() {
            ended++;
        }

        @Override
        public void connectFailed(String message) {
            failureDialogs.add(message);
        }

        @Override
        public Optional<String> askToken() {
            tokenQuestions++;
            questions.add("token");
            return typedTokens.isEmpty() ? typedToken : Optional.of(typedTokens.poll());
        }

        @Override
        public void askTrust(String fingerprint, Consumer<Boolean> answer) {
            questionAbout = "trust " + fingerprint;
            questions.add(questionAbout);
            openQuestion = answer;
        }

        @Override
        public void askChangedCertificate(CertificateChangedException changed, Consumer<Boolean> answer) {
            questionAbout = "changed " + changed.presented();
            questions.add(questionAbout);
            openQuestion = answer;
        }
    }
}
