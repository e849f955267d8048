package outpost.agent;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

import outpost.protocol.FrameCodec;
import outpost.protocol.Message;

/** A protocol client on a plain socket, for tests that also need to send broken bytes. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final FrameCodec codec = new FrameCodec();

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    void send(Message message) throws IOException {
        out.write(codec.encodeFrame(message));
        out.flush();
    }

    void sendBytes(byte... bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends the low byte of each value. */
    void sendBytes(int... values) throws IOException {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        sendBytes(bytes);
    }

    Message read() throws IOException {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return codec.decodePayload(ByteBuffer.wrap(payload));
    }

    <T extends Message> T read(Class<T> type) throws IOException {
        return assertInstanceOf(type, read());
    }

    /** Reads until the peer closes; true when it did within the socket timeout. */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the peer
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
