package outpost.bench.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;

/** The HiveMQ MQTT client's asynchronous MQTT 5 API with its defaults (one shared Netty event loop group). */
final class HiveMqLibrary implements MqttLibrary {

    @Override
    public CompletableFuture<Client> connect(String clientId, String host, int port, BiConsumer<String, byte[]> handler) {
        Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost(host).serverPort(port).buildAsync();
        return client.connectWith().cleanStart(true).keepAlive(60).send()
                .thenApply(connAck -> new HiveMqClient(client, handler));
    }

    private record HiveMqClient(Mqtt5AsyncClient client, BiConsumer<String, byte[]> handler) implements Client {
        @Override
        public CompletableFuture<Void> subscribe(String topicFilter) {
            return client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.AT_LEAST_ONCE)
                    .callback(publish -> handler.accept(publish.getTopic().toString(), publish.getPayloadAsBytes()))
                    .send().thenApply(subAck -> null);
        }

        @Override
        public CompletableFuture<Void> publish(String topic, byte[] payload) {
            return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                    .thenApply(result -> null);
        }

        @Override
        public void close() {
            try {
                client.disconnect().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the benchmark is over; a client that fails to say goodbye changes no figure
            }
        }
    }
}
