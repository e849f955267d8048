package outpost.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import outpost.agent.AgentCommand;
import outpost.protocol.Reply;
import outpost.protocol.ReplyStatus;
import outpost.protocol.Request;

class AgentServerTest {

    private final SystemMetrics metrics = new SystemMetrics();
    private final AgentServer server = new AgentServer(null, metrics);

    @AfterEach
    void tearDown() {
        server.deactivate();
        metrics.deactivate();
    }

    @Test
    void unknownCommandSaysSoAndPointsToHelp() {
        Reply reply = server.run(new Request(7, "frobnicate now"));
        assertEquals(new Reply(7, ReplyStatus.UNKNOWN_COMMAND, "unknown command 'frobnicate', try help"), reply);
    }

    @Test
    void commandsAreFoundCaseInsensitivelyAndGetTheirArguments() {
        server.addCommand(new EchoCommand());
        Reply reply = server.run(new Request(1, "  ECHO   a  b "));
        assertEquals(new Reply(1, ReplyStatus.OK, "[a  b]"), reply);
    }

    @Test
    void helpListsEveryRegisteredCommandWithItsLine() {
        server.addCommand(new EchoCommand());
        String help = server.run(new Request(2, "help")).body();
        assertTrue(help.contains("echo") && help.contains("repeats its arguments"), help);
        assertTrue(help.contains("help"), help);
    }

    @Test
    void removedCommandsAreNoLongerOffered() {
        EchoCommand echo = new EchoCommand();
        server.addCommand(echo);
        server.removeCommand(echo);
        assertEquals(ReplyStatus.UNKNOWN_COMMAND, server.run(new Request(3, "echo x")).status());
    }

    @Test
    void failuresBecomeFailedRepliesWithTheReason() {
        server.addCommand(new FailingCommand());
        Reply reply = server.run(new Request(4, "fail"));
        assertEquals(ReplyStatus.FAILED, reply.status());
        assertEquals("fail: bad argument", reply.body());
    }

    private static final class EchoCommand implements AgentCommand {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String help() {
            return "repeats its arguments";
        }

        @Override
        public String execute(String arguments) {
            return "[" + arguments + "]";
        }
    }

    private static final class FailingCommand implements AgentCommand {
        @Override
        public String name() {
            return "fail";
        }

        @Override
        public String help() {
            return "always fails";
        }

        @Override
        public String execute(String arguments) {
            throw new IllegalArgumentException("bad argument");
        }
    }
}
