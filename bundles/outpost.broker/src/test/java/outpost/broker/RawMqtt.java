package outpost.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import outpost.broker.internal.BrokerTls;
import outpost.testing.MosquittoBroker;

/** A plain MQTT client in a test, with an account of the test broker: what any broker client could send. */
final class RawMqtt implements AutoCloseable, MqttCallback {

    record Received(String topic, byte[] payload, boolean retained) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Told of each message as it arrives, on Paho's thread. */
    volatile Consumer<Received> listener = message -> { };
    private final MqttAsyncClient client;

    RawMqtt(MosquittoBroker broker, String user, String password) throws Exception {
        client = new MqttAsyncClient(broker.url(), user, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setSocketFactory(BrokerTls.socketFactory(BrokerSettings.of(broker.url(), user).withCaFile(broker.caFile())));
        client.setCallback(this);
        client.connect(options).waitForCompletion(10_000);
    }

    void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    /** Publishes with QoS 1 and returns the broker's reason code (0 accepted, 0x87 not authorized). */
    int publish(String topic, byte[] payload, boolean retained) throws MqttException {
        IMqttToken token = client.publish(topic, new MqttMessage(payload, 1, retained, new MqttProperties()));
        token.waitForCompletion(10_000);
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /** Publishes with QoS 1 without waiting: for a transport thread, which must not block. */
    void publishLater(String topic, byte[] payload) {
        try {
            client.publish(topic, new MqttMessage(payload, 1, false, new MqttProperties()));
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Received> on(String topic) {
        return received.stream().filter(message -> message.topic().equals(topic)).toList();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Received arrived = new Received(topic, message.getPayload(), message.isRetained());
        received.add(arrived);
        listener.accept(arrived);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5000);
        }
        client.close();
    }
}
