import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Waits for an agent to answer its first command and prints the wall-clock time of that answer in
 * epoch milliseconds. Speaks protocol 0.1 directly (see docs/PROTOCOL.md) so that no client
 * start-up is measured. Run with the single-file launcher: java StartupProbe.java PORT TIMEOUT_S
 */
public class StartupProbe {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long deadline = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000;
        byte[] command = "cpu".getBytes(StandardCharsets.UTF_8);
        System.out.println("READY");
        System.out.flush();
        while (System.currentTimeMillis() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(5000);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeInt(1 + 4 + 4 + command.length);
                out.writeByte(2);
                out.writeInt(1);
                out.writeInt(command.length);
                out.write(command);
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                for (int frame = 0; frame < 2; frame++) { // Hello, then the Reply
                    byte[] payload = new byte[in.readInt()];
                    in.readFully(payload);
                    if (payload[0] == 3) {
                        System.out.println("ANSWERED " + System.currentTimeMillis());
                        return;
                    }
                }
            } catch (java.io.IOException notYet) {
                Thread.sleep(10);
            }
        }
        System.out.println("TIMEOUT");
        System.exit(1);
    }
}
