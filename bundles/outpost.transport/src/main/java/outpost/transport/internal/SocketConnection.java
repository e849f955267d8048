package outpost.transport.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import outpost.protocol.FrameCodec;
import outpost.protocol.Message;
import outpost.transport.Connection;
import outpost.transport.MessageHandler;

/** A framed connection over a socket: writes are serialised, reads run on one reader task. */
final class SocketConnection implements Connection {

    private final Socket socket;
    private final FrameCodec codec;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object writeLock = new Object();
    private volatile MessageHandler handler;
    private volatile Throwable closeCause;

    SocketConnection(Socket socket, FrameCodec codec) {
        this.socket = socket;
        this.codec = codec;
    }

    void start(MessageHandler messageHandler, Executor executor) {
        this.handler = messageHandler;
        executor.execute(this::readLoop);
    }

    private void readLoop() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()))) {
            while (!closed.get()) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    break; // peer closed between frames: a clean close
                }
                codec.checkFrameLength(length);
                byte[] payload = new byte[length];
                in.readFully(payload);
                handler.received(this, codec.decodePayload(ByteBuffer.wrap(payload)));
            }
        } catch (IOException | RuntimeException e) {
            if (!closed.get()) {
                closeCause = e;
            }
        } finally {
            closeAndNotify();
        }
    }

    @Override
    public void send(Message message) throws IOException {
        byte[] frame = codec.encodeFrame(message);
        synchronized (writeLock) {
            if (closed.get()) {
                throw new IOException("connection to " + remoteAddress() + " is closed");
            }
            OutputStream out = socket.getOutputStream();
            out.write(frame); // one write per frame: the frame is already a single buffer
            out.flush();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeSocket();
        }
    }

    private void closeAndNotify() {
        closed.set(true);
        closeSocket();
        handler.closed(this, closeCause);
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort: the peer sees the connection end either way
        }
    }
}
