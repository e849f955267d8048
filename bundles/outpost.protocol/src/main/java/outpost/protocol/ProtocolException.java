package outpost.protocol;

import java.io.IOException;

/** Bytes that do not form a valid frame or message; the connection that sent them cannot be trusted further. */
public class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
