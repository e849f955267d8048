package outpost.transport.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;


/**
 * Reads what a TLS 1.3 ClientHello offers and what a ServerHello chose, from the bytes on the wire:
 * the groups a peer really sends, whatever its engine's settings claim.
 */
final class TlsHellos {

    static final int X25519MLKEM768 = 0x11ec;
    static final int X25519 = 0x001d;
    static final int SECP256R1 = 0x0017;
    static final int SECP384R1 = 0x0018;

    private static final byte[] RETRY_RANDOM = HexFormat.of().parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
    private static final int SUPPORTED_GROUPS = 10;
    private static final int KEY_SHARE = 51;

    /** @param keyShares the groups of the key shares (a ClientHello), or the one chosen (a ServerHello) */
    record Hello(boolean isRetryRequest, List<Integer> supportedGroups, List<Integer> keyShares) {
    }

    private TlsHellos() {
    }

    /** One TLS record as it arrives: header and body. */
    static byte[] readRecord(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[5];
        data.readFully(header);
        byte[] record = Arrays.copyOf(header, 5 + (((header[3] & 0xff) << 8) | (header[4] & 0xff)));
        data.readFully(record, 5, record.length - 5);
        return record;
    }

    /** The hello at the start of a flight (its first record). */
    static Hello parse(byte[] flight) {
        ByteBuffer b = ByteBuffer.wrap(flight);
        if (b.get() != 22) {
            throw new IllegalArgumentException("not a handshake record");
        }
        b.getShort();
        b.getShort();
        int type = b.get();
        b.position(b.position() + 3 + 2);
        byte[] random = new byte[32];
        b.get(random);
        skip(b, b.get() & 0xff);
        boolean client = type == 1;
        if (client) {
            skip(b, b.getShort() & 0xffff);
            skip(b, b.get() & 0xff);
        } else if (type == 2) {
            b.position(b.position() + 3);
        } else {
            throw new IllegalArgumentException("not a hello: handshake type " + type);
        }
        List<Integer> supported = new ArrayList<>();
        List<Integer> shares = new ArrayList<>();
        int extensionsLength = b.getShort() & 0xffff;
        int end = b.position() + extensionsLength;
        boolean retry = !client && Arrays.equals(random, RETRY_RANDOM);
        while (b.position() < end) {
            int extension = b.getShort() & 0xffff;
            int length = b.getShort() & 0xffff;
            ByteBuffer data = b.slice(b.position(), length);
            b.position(b.position() + length);
            if (extension == SUPPORTED_GROUPS) {
                for (int n = data.getShort() & 0xffff; n > 0; n -= 2) {
                    supported.add(data.getShort() & 0xffff);
                }
            } else if (extension == KEY_SHARE && client) {
                data.getShort();
                while (data.hasRemaining()) {
                    shares.add(data.getShort() & 0xffff);
                    skip(data, data.getShort() & 0xffff);
                }
            } else if (extension == KEY_SHARE) {
                shares.add(data.getShort() & 0xffff);
            }
        }
        return new Hello(retry, supported, shares);
    }

    /** Moves past {@code length} bytes (read the length first: Java evaluates {@code position()} before it). */
    private static void skip(ByteBuffer buffer, int length) {
        buffer.position(buffer.position() + length);
    }
}
