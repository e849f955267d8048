package outpost.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import outpost.transport.Tunnel;
import outpost.transport.TunnelCarrier;
import outpost.transport.TunnelListener;

/**
 * The far end of the agent's tunnels in tests of the bridge alone (the transport's TLS has its own
 * tests): answers each message with the same bytes, and closes its side on "bye".
 */
final class EchoSessions implements TunnelListener {

    final List<String> peers = new CopyOnWriteArrayList<>();
    final List<String> closedByPeer = new CopyOnWriteArrayList<>();

    @Override
    public Tunnel accept(String peer, TunnelCarrier carrier) {
        peers.add(peer);
        return new Tunnel() {
            @Override
            public void received(byte[] bytes) {
                if (new String(bytes).equals("bye")) {
                    carrier.close();
                } else {
                    carrier.send(bytes);
                }
            }

            @Override
            public void closed() {
                closedByPeer.add(peer);
            }

            @Override
            public void pauseSending() {
            }

            @Override
            public void resumeSending() {
            }
        };
    }

    @Override
    public int openConnections() {
        return peers.size() - closedByPeer.size();
    }

    @Override
    public void close() {
    }

    static List<String> texts(List<RawMqtt.Received> messages) {
        return messages.stream().map(RawMqtt.Received::text).toList();
    }
}
