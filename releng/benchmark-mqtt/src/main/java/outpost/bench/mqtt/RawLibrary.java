package outpost.bench.mqtt;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The floor the libraries are measured against: the few MQTT 5 packets the benchmark uses
 * (CONNECT, SUBSCRIBE, PUBLISH and PUBACK at QoS 1, DISCONNECT), written by hand on a blocking
 * socket with one reader thread per client; the caller's thread writes. No keep-alive pings, no
 * retries, no flow control beyond the benchmark's own window: a measuring stick, not a client.
 */
final class RawLibrary implements MqttLibrary {

    private static final int CONNECT = 1, CONNACK = 2, PUBLISH = 3, PUBACK = 4, SUBSCRIBE = 8, SUBACK = 9, DISCONNECT = 14;

    @Override
    public CompletableFuture<Client> connect(String clientId, String host, int port, BiConsumer<String, byte[]> handler) {
        CompletableFuture<Client> connected = new CompletableFuture<>();
        try {
            Socket socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            RawClient client = new RawClient(socket, handler);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writeString(body, "MQTT");
            body.write(5); // protocol level
            body.write(0x02); // clean start
            body.write(0);
            body.write(60); // keep-alive seconds
            body.write(0); // no properties
            writeString(body, clientId);
            client.send(CONNECT << 4, body.toByteArray());
            Thread reader = new Thread(() -> client.read(connected), "raw-mqtt-" + clientId);
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            connected.completeExceptionally(e);
        }
        return connected;
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static final class RawClient implements Client {
        private final Socket socket;
        private final OutputStream out;
        private final BiConsumer<String, byte[]> handler;
        private final AtomicInteger packetIds = new AtomicInteger();
        private final Map<Integer, CompletableFuture<Void>> awaitingAck = new ConcurrentHashMap<>();

        RawClient(Socket socket, BiConsumer<String, byte[]> handler) throws IOException {
            this.socket = socket;
            this.out = new BufferedOutputStream(socket.getOutputStream());
            this.handler = handler;
        }

        @Override
        public CompletableFuture<Void> subscribe(String topicFilter) {
            int id = nextPacketId();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(id >> 8);
            body.write(id);
            body.write(0); // no properties
            writeString(body, topicFilter);
            body.write(1); // QoS 1
            return sendAwaitingAck(id, (SUBSCRIBE << 4) | 0x02, body.toByteArray());
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload) {
            int id = nextPacketId();
            ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + topic.length() + 8);
            writeString(body, topic);
            body.write(id >> 8);
            body.write(id);
            body.write(0); // no properties
            body.writeBytes(payload);
            return sendAwaitingAck(id, (PUBLISH << 4) | 0x02, body.toByteArray());
        }

        @Override
        public void close() {
            try {
                send(DISCONNECT << 4, new byte[0]);
                socket.close();
            } catch (IOException e) {
                // the benchmark is over
            }
        }

        private int nextPacketId() {
            return packetIds.getAndIncrement() % 65535 + 1;
        }

        private CompletableFuture<Void> sendAwaitingAck(int id, int header, byte[] body) {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            awaitingAck.put(id, acknowledged);
            try {
                send(header, body);
            } catch (IOException e) {
                awaitingAck.remove(id);
                acknowledged.completeExceptionally(e);
            }
            return acknowledged;
        }

        private void send(int header, byte[] body) throws IOException {
            synchronized (out) {
                out.write(header);
                for (int length = body.length;;) { // remaining length, 7 bits a byte
                    int digit = length & 0x7F;
                    length >>>= 7;
                    out.write(length > 0 ? digit | 0x80 : digit);
                    if (length == 0) {
                        break;
                    }
                }
                out.write(body);
                out.flush();
            }
        }

        void read(CompletableFuture<Client> connected) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()))) {
                while (true) {
                    int header = in.read();
                    if (header < 0) {
                        throw new EOFException("broker closed the connection");
                    }
                    byte[] body = new byte[readVariableInt(in)];
                    in.readFully(body);
                    switch (header >> 4) {
                        case CONNACK -> {
                            if (body[1] != 0) {
                                throw new IOException("CONNACK reason " + body[1]);
                            }
                            connected.complete(this);
                        }
                        case PUBLISH -> received(header, body);
                        case PUBACK, SUBACK -> {
                            CompletableFuture<Void> acknowledged = awaitingAck.remove(((body[0] & 0xFF) << 8) | (body[1] & 0xFF));
                            if (acknowledged != null) {
                                acknowledged.complete(null);
                            }
                        }
                        default -> { } // nothing else is asked for
                    }
                }
            } catch (IOException e) {
                connected.completeExceptionally(e);
                awaitingAck.values().forEach(future -> future.completeExceptionally(e));
            }
        }

        private void received(int header, byte[] body) throws IOException {
            int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
            String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
            int at = 2 + topicLength;
            if ((header & 0x06) != 0) {
                send(PUBACK << 4, new byte[] {body[at], body[at + 1]});
                at += 2;
            }
            int[] position = {at};
            int propertiesLength = readVariableInt(body, position);
            at = position[0] + propertiesLength;
            byte[] payload = new byte[body.length - at];
            System.arraycopy(body, at, payload, 0, payload.length);
            handler.accept(topic, payload);
        }

        private static int readVariableInt(DataInputStream in) throws IOException {
            int value = 0;
            for (int shift = 0;; shift += 7) {
                int digit = in.readUnsignedByte();
                value |= (digit & 0x7F) << shift;
                if ((digit & 0x80) == 0) {
                    return value;
                }
            }
        }

        private static int readVariableInt(byte[] bytes, int[] position) {
            int value = 0;
            for (int shift = 0;; shift += 7) {
                int digit = bytes[position[0]++] & 0xFF;
                value |= (digit & 0x7F) << shift;
                if ((digit & 0x80) == 0) {
                    return value;
                }
            }
        }
    }
}
