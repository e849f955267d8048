package outpost.broker.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions of one link by key (console and session id on an agent, agent and session id on a console). */
public final class SessionTable {

    private final Map<String, BridgedSession> sessions = new ConcurrentHashMap<>();

    public BridgedSession get(String key) {
        return sessions.get(key);
    }

    public void put(String key, BridgedSession session) {
        sessions.put(key, session);
    }

    public void remove(String key, BridgedSession session) {
        sessions.remove(key, session);
    }

    /** Bytes, or with an empty payload the close, from the peer of session {@code key}; false when no such session is open. */
    public boolean deliver(String key, byte[] payload) {
        BridgedSession session = sessions.get(key);
        if (session == null) {
            return false;
        }
        if (payload.length == 0) {
            session.peerClosed();
        } else {
            session.received(payload);
        }
        return true;
    }

    /** The link dropped: every session over it ends. */
    public void closeAll() {
        List.copyOf(sessions.values()).forEach(BridgedSession::peerClosed);
        sessions.clear();
    }

    public int size() {
        return sessions.size();
    }
}
