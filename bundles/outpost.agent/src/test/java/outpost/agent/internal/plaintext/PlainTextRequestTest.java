package outpost.agent.internal.plaintext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import outpost.agent.internal.dispatch.Outcome;
import outpost.protocol.Result;
import outpost.protocol.ResultStatus;

/** How a plain-text answer reaches the channel: how many writes, with what in them. */
class PlainTextRequestTest {

    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<Result> recorded = new CopyOnWriteArrayList<>();

    @Test
    void onTheEventLoopTheOutputAndTheEndGoOutInOneWrite() {
        PlainTextRequest request = new PlainTextRequest(channel(true), Duration.ofSeconds(5), 1 << 20, false, recorded::add);
        request.stdout("CPU: 7 %\n");
        request.stdout(".dotted");
        assertEquals(List.of(), writes, "nothing written before the end");
        request.finish(new Outcome(ResultStatus.OK, 0, 0, ""));
        // one write per answer: one system call, one TCP segment (and one TLS record, were it TLS)
        assertEquals(List.of("CPU: 7 %\n..dotted\n.\n"), writes);
        assertEquals(ResultStatus.OK, recorded.get(0).status());
    }

    @Test
    void linesThatStartWithADotGetASecondOneWhereverTheOutputIsCut() {
        PlainTextRequest request = new PlainTextRequest(channel(true), Duration.ofSeconds(5), 1 << 20, false, recorded::add);
        request.stdout(".a\n.b\nc.d\n");
        request.stdout("..e");
        request.stdout("\n");
        request.stdout(".");
        request.finish(new Outcome(ResultStatus.OK, 0, 0, ""));
        assertEquals(List.of("..a\n..b\nc.d\n...e\n..\n.\n"), writes);
    }

    @Test
    void aWorkersOutputStreamsAsItComesThenTheEnd() {
        PlainTextRequest request = new PlainTextRequest(channel(false), Duration.ofSeconds(5), 1 << 20, false, recorded::add);
        request.stdout("64 bytes from ::1\n");
        request.stdout("64 bytes from ::1\n");
        request.finish(new Outcome(ResultStatus.FAILED, 1, 3, "ping: lost"));
        assertEquals(List.of("64 bytes from ::1\n", "64 bytes from ::1\n", "error: ping: lost\n.\n"), writes);
    }

    @Test
    void aBareCommandGetsItsAnswerInOneWriteWithoutTheDot() {
        PlainTextRequest request = new PlainTextRequest(channel(false), Duration.ofSeconds(5), 1 << 20, true, recorded::add);
        request.stdout("host-1");
        request.finish(new Outcome(ResultStatus.OK, 0, 0, ""));
        assertEquals(List.of("host-1"), writes);
    }

    @Test
    void aStopDecidesTheEndingAndLaterOutputIsDropped() {
        PlainTextRequest request = new PlainTextRequest(channel(false), Duration.ofMillis(1500), 1 << 20, false, recorded::add);
        request.stop(ResultStatus.TIMED_OUT); // before any thread took it
        request.stdout("too late");
        assertEquals(List.of("error: timed out after 1500 ms\n.\n"), writes);
        assertEquals(ResultStatus.TIMED_OUT, recorded.get(0).status());
    }

    private PlainTextRequest.AnswerChannel channel(boolean eventLoop) {
        return new PlainTextRequest.AnswerChannel() {
            @Override
            public boolean inEventLoop() {
                return eventLoop;
            }

            @Override
            public void writeAndFlush(String text) {
                writes.add(text);
            }
        };
    }
}
