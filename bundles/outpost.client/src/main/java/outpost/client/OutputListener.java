package outpost.client;

import outpost.protocol.Output;

/** Hears a command's output as it arrives, on a network thread: do not block. */
@FunctionalInterface
public interface OutputListener {

    void output(Output chunk);
}
