package outpost.bench.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Eclipse Paho's MQTT 5 client with its defaults (its own threads per client), in-memory
 * persistence, and optionally sockets with TCP_NODELAY (Paho leaves Nagle's algorithm on).
 */
final class PahoLibrary implements MqttLibrary {

    private final boolean noDelay;

    PahoLibrary(boolean noDelay) {
        this.noDelay = noDelay;
    }

    @Override
    public CompletableFuture<Client> connect(String clientId, String host, int port, BiConsumer<String, byte[]> handler) {
        CompletableFuture<Client> connected = new CompletableFuture<>();
        try {
            // the two-argument constructor would persist in-flight messages to files in the working directory
            MqttAsyncClient client = new MqttAsyncClient("tcp://" + host + ":" + port, clientId, new MemoryPersistence());
            client.setCallback(new Callback(handler));
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setKeepAliveInterval(60);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout(30);
            if (noDelay) {
                options.setSocketFactory(new NoDelaySocketFactory());
            }
            client.connect(options, null, listener(connected, new PahoClient(client)));
        } catch (MqttException e) {
            connected.completeExceptionally(e);
        }
        return connected;
    }

    private static <T> MqttActionListener listener(CompletableFuture<T> future, T value) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                future.complete(value);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                future.completeExceptionally(failure);
            }
        };
    }

    private record PahoClient(MqttAsyncClient client) implements Client {
        @Override
        public CompletableFuture<Void> subscribe(String topicFilter) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            try {
                client.subscribe(topicFilter, 1, null, listener(done, null));
            } catch (MqttException e) {
                done.completeExceptionally(e);
            }
            return done;
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            try {
                client.publish(topic, payload, 1, false, null, listener(done, null));
            } catch (MqttException e) {
                done.completeExceptionally(e);
            }
            return done;
        }

        @Override
        public void close() {
            try {
                client.disconnect(1000).waitForCompletion(2000);
                client.close();
            } catch (MqttException e) {
                // the benchmark is over; a client that fails to say goodbye changes no figure
            }
        }
    }

    private record Callback(BiConsumer<String, byte[]> handler) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handler.accept(topic, message.getPayload());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            System.err.println("paho: " + exception);
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
    }
}
