package outpost.client;

import outpost.protocol.Result;

/** A finished command: its result and everything it wrote. */
public record CommandReply(Result result, String stdout, String stderr) {

    public boolean isOk() {
        return result.isOk();
    }
}
