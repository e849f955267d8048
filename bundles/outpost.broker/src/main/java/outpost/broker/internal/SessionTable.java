package outpost.broker.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions of one link by key (console and session id on an agent, agent and session id on a console). */
public final class SessionTable {

    /** Sessions that ended lately, at most this many remembered. */
    static final int ENDED_REMEMBERED = 4096;

    private final Map<String, BridgedSession> sessions = new ConcurrentHashMap<>();
    /**
     * Keys of sessions that ended: bytes the peer sent before it heard of the end (its TLS
     * close_notify) must not open a new session under the same key.
     */
    private final Set<String> ended = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    });

    public BridgedSession get(String key) {
        return sessions.get(key);
    }

    public void put(String key, BridgedSession session) {
        sessions.put(key, session);
    }

    public void remove(String key, BridgedSession session) {
        if (sessions.remove(key, session)) {
            synchronized (ended) {
                ended.add(key);
            }
        }
    }

    /** Whether session {@code key} was open once and ended. */
    public boolean ended(String key) {
        synchronized (ended) {
            return ended.contains(key);
        }
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

    /**
     * The peers of the sessions whose keys start with {@code prefix} are gone (an agent's will): those
     * sessions end as if each peer had closed it.
     */
    public void closeAllStartingWith(String prefix) {
        sessions.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix)).map(Map.Entry::getValue).toList()
                .forEach(BridgedSession::peerClosed);
    }

    /** The link is closing: every session ends, each peer told with an empty message. */
    public void endAll() {
        List.copyOf(sessions.values()).forEach(BridgedSession::end);
        sessions.clear();
    }

    public int size() {
        return sessions.size();
    }
}
