package outpost.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generates arbitrary valid messages of every type, for property tests. */
final class RandomMessages {

    private static final String ALPHABET = "abcXYZ019 -_:;'\"\\\n\t\u00e9\u00fc\u4e2d\u6587\u2713";

    private final Random random;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    Message next() {
        MessageType type = MessageType.values()[random.nextInt(MessageType.values().length)];
        return switch (type) {
            case HELLO -> new Hello(u16(), u16(), string(), string(), strings());
            case AUTH -> new Auth(u16(), u16(), string());
            case AUTH_OK -> new AuthOk(string(), strings());
            case REQUEST -> new Request(random.nextInt(), random.nextInt(), string());
            case OUTPUT -> new Output(random.nextInt(), pick(OutputKind.values()), string());
            case RESULT -> new Result(random.nextInt(), pick(ResultStatus.values()), random.nextInt(), random.nextLong(),
                    random.nextBoolean(), string());
            case CANCEL -> new Cancel(random.nextInt());
            case PING -> new Ping(random.nextLong());
            case PONG -> new Pong(random.nextLong());
            case NOTICE -> new Notice(pick(NoticeKind.values()), string());
            case ERROR -> new ErrorReport(random.nextInt(), pick(ErrorCode.values()), string());
        };
    }

    private int u16() {
        return random.nextInt(0x10000);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private List<String> strings() {
        int count = random.nextInt(5);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(string());
        }
        return items;
    }

    String string() {
        int length = random.nextInt(4) == 0 ? random.nextInt(2000) : random.nextInt(20);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(50) == 0) {
                text.appendCodePoint(0x1F600 + random.nextInt(50)); // outside the BMP: surrogate pairs
            } else {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return text.toString();
    }
}
