package outpost.bench.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** The little the benchmark needs of an MQTT 5 client library, so each library runs the same load. */
interface MqttLibrary {

    /** Connects a client with a clean start; messages of its later subscriptions go to the handler. */
    CompletableFuture<Client> connect(String clientId, String host, int port, BiConsumer<String, byte[]> handler);

    interface Client {
        CompletableFuture<Void> subscribe(String topicFilter);

        /** Publishes at QoS 1; completes on the broker's PUBACK. */
        CompletableFuture<Void> publish(String topic, byte[] payload);

        void close();
    }

    static MqttLibrary named(String name) {
        // Each library in a class of its own, so a run of one never loads the other's classes.
        return switch (name) {
            case "paho" -> new PahoLibrary(false);
            case "paho-nodelay" -> new PahoLibrary(true);
            case "hivemq" -> new HiveMqLibrary();
            case "raw" -> new RawLibrary();
            default -> throw new IllegalArgumentException("unknown library " + name + " (paho, paho-nodelay, hivemq, raw)");
        };
    }
}
