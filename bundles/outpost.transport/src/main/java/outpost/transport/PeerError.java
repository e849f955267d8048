package outpost.transport;

import java.io.IOException;

import outpost.protocol.ErrorReport;

/** The peer closed the connection with a fatal {@link ErrorReport}; passed to {@link MessageHandler#closed}. */
public final class PeerError extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorReport report;

    public PeerError(ErrorReport report) {
        super(report.message() + " (" + report.code() + ")");
        this.report = report;
    }

    public ErrorReport report() {
        return report;
    }
}
