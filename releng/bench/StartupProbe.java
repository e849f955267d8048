import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Waits for an agent to answer its first command and prints the wall-clock time of that answer in
 * epoch milliseconds. Speaks protocol 1.0 directly over TLS (see docs/PROTOCOL.md) so that no
 * client start-up is measured. Run with the single-file launcher:
 * java StartupProbe.java PORT TIMEOUT_S TOKEN_FILE
 */
public class StartupProbe {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long deadline = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000;
        Path tokenFile = Path.of(args[2]);
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, new TrustManager[] { new TrustOwnAgent() }, null);
        warmUpClientHello(tls);
        System.out.println("READY");
        System.out.flush();
        while (System.currentTimeMillis() < deadline) {
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(5000);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                DataInputStream in = new DataInputStream(socket.getInputStream());
                expect(in, 1); // HELLO
                byte[] token = Files.readString(tokenFile).strip().getBytes(StandardCharsets.UTF_8);
                out.writeInt(1 + 2 + 2 + 4 + token.length); // AUTH, protocol 1.0
                out.writeByte(2);
                out.writeShort(1);
                out.writeShort(0);
                out.writeInt(token.length);
                out.write(token);
                expect(in, 3); // AUTH_OK
                byte[] command = "cpu".getBytes(StandardCharsets.UTF_8);
                out.writeInt(1 + 4 + 4 + 4 + command.length); // REQUEST id 1, default timeout
                out.writeByte(4);
                out.writeInt(1);
                out.writeInt(0);
                out.writeInt(command.length);
                out.write(command);
                out.flush();
                while (readType(in) != 6) { // until RESULT
                }
                System.out.println("ANSWERED " + System.currentTimeMillis());
                return;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        System.out.println("TIMEOUT");
        System.exit(1);
    }

    /**
     * Builds one ClientHello (key shares included) before the agent is launched, so the time
     * measured holds less of this probe's own cold TLS code: only the agent's start is of interest.
     */
    private static void warmUpClientHello(SSLContext tls) throws IOException {
        SSLEngine engine = tls.createSSLEngine("localhost", 0);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
        engine.closeOutbound();
    }

    private static void expect(DataInputStream in, int type) throws IOException {
        int got = readType(in);
        if (got != type) {
            throw new IOException("expected message type " + type + ", got " + got);
        }
    }

    private static int readType(DataInputStream in) throws IOException {
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        return payload[0];
    }

    /** The probe talks to the agent it just started on loopback. */
    private static final class TrustOwnAgent implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
