package outpost.console.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import outpost.protocol.Result;
import outpost.protocol.ResultStatus;

class EndLineTest {

    @Test
    void aBuiltInCommandSaysOkWithoutAnExitCode() {
        assertEquals("\u2190 cpu: ok, 12 ms", EndLine.of("cpu", Result.ok(1, 12)));
    }

    @Test
    void aShellCommandShowsItsExitCode() {
        assertEquals("\u2190 sh: ls: ok, exit 0, 40 ms", EndLine.of("sh: ls", new Result(1, ResultStatus.OK, 0, 40, false, "")));
        assertEquals("\u2190 linux:false: failed, exit 1, 2.3 s",
                EndLine.of("linux:false", new Result(1, ResultStatus.OK, 1, 2345, false, "")));
        assertEquals("\u2190 ping x.invalid: failed, exit 2, 5 ms",
                EndLine.of("ping x.invalid", new Result(1, ResultStatus.OK, 2, 5, false, "")));
    }

    @Test
    void anUnknownCommandSaysSoAndNothingAboutAnExit() {
        assertEquals("\u2190 frobnicate: unknown command, try help",
                EndLine.of("frobnicate", Result.of(1, ResultStatus.UNKNOWN_COMMAND, "unknown command 'frobnicate', try help")));
    }

    @Test
    void aCancelledCommandSaysAfterHowLong() {
        assertEquals("\u2190 sh: sleep 9: cancelled after 2.3 s",
                EndLine.of("sh: sleep 9", new Result(1, ResultStatus.CANCELLED, -1, 2300, false, "cancelled")));
        assertEquals("\u2190 procs: cancelled after 80 ms",
                EndLine.of("procs", new Result(1, ResultStatus.CANCELLED, -1, 80, false, "cancelled")));
    }

    @Test
    void failedForbiddenAndTimedOutGiveTheAgentsReason() {
        assertEquals("\u2190 sh: id: failed: 'id' is not allowed by this agent's shell.allow and shell.deny, 3 ms",
                EndLine.of("sh: id", new Result(1, ResultStatus.FAILED, 2, 3, false,
                        "'id' is not allowed by this agent's shell.allow and shell.deny")));
        assertEquals("\u2190 reset: not allowed: 'reset' needs the admin role, which token 'viewer' does not have",
                EndLine.of("reset", Result.of(1, ResultStatus.FORBIDDEN,
                        "'reset' needs the admin role, which token 'viewer' does not have")));
        assertEquals("\u2190 sh: sleep 99: timed out after 60 s, output truncated",
                EndLine.of("sh: sleep 99", new Result(1, ResultStatus.TIMED_OUT, -1, 60_000, true, "timed out after 60 s")));
    }

    @Test
    void onlyOkWithExitZeroCountsAsSuccess() {
        assertTrue(EndLine.succeeded(Result.ok(1, 1)));
        assertFalse(EndLine.succeeded(new Result(1, ResultStatus.OK, 1, 1, false, "")));
        assertFalse(EndLine.succeeded(Result.of(1, ResultStatus.UNKNOWN_COMMAND, "unknown command 'x', try help")));
    }
}
