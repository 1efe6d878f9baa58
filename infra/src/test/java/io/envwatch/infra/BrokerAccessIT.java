package io.envwatch.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.registry.Site;
import io.envwatch.local.LocalMosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/** The compose stack's Mosquitto credentials and ACL, run for real on a private Mosquitto. */
class BrokerAccessIT {
    private static final Path PASSWD = Path.of("mosquitto/passwd").toAbsolutePath();
    private static final Path ACL = Path.of("mosquitto/acl").toAbsolutePath();

    @Test
    void everyGatewayOfTheSampleRegistryHasACredential() throws Exception {
        List<String> users = Files.readAllLines(PASSWD).stream()
                .map(l -> l.substring(0, l.indexOf(':')))
                .toList();
        assertThat(users).contains("envwatch-job");
        assertThat(users)
                .containsAll(RegistryLoader.sample().sites().stream()
                        .map(Site::gateway)
                        .distinct()
                        .toList());
    }

    @Test
    void aGatewayPublishesOnlyOnItsOwnTopicAndStrangersAreRefused() throws Exception {
        try (LocalMosquitto broker =
                LocalMosquitto.start(List.of("allow_anonymous false", "password_file " + PASSWD, "acl_file " + ACL))) {
            List<String> received = new CopyOnWriteArrayList<>();
            MqttClient job = connect(broker, "envwatch-job", "envwatch-job", "change-me-envwatch-job");
            // Paho matches per-subscription listeners against the filter, which a $share/ prefix defeats;
            // the job's source uses one callback for the shared subscription instead.
            job.subscribe(
                    new MqttSubscription[] {new MqttSubscription("envwatch/v1/+/+", 1)}, new IMqttMessageListener[] {
                        (topic, message) ->
                                received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8))
                    });

            MqttClient gateway = connect(broker, "gw-fenggang-01", "gw-fenggang-01", "change-me-gw-fenggang-01");
            publish(gateway, "envwatch/v1/readings/gw-fenggang-01", "own");
            try {
                publish(gateway, "envwatch/v1/readings/gw-tangxia-01", "spoofed");
            } catch (MqttException notAuthorised) {
                // MQTT 5 brokers may answer the refused publish with a "not authorized" PUBACK.
            }
            publish(gateway, "envwatch/v1/readings/gw-fenggang-01", "own again");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            assertThat(received)
                    .containsExactly(
                            "envwatch/v1/readings/gw-fenggang-01 own", "envwatch/v1/readings/gw-fenggang-01 own again");

            // The duty service may file complaints, a gateway may not.
            MqttClient duty = connect(broker, "duty", "envwatch-duty", "change-me-envwatch-duty");
            publish(duty, "envwatch/v1/complaints/duty", "complaint");
            try {
                publish(gateway, "envwatch/v1/complaints/duty", "forged complaint");
            } catch (MqttException notAuthorised) {
                // refused, as above
            }
            Thread.sleep(300);
            assertThat(received)
                    .containsExactly(
                            "envwatch/v1/readings/gw-fenggang-01 own",
                            "envwatch/v1/readings/gw-fenggang-01 own again",
                            "envwatch/v1/complaints/duty complaint");
            duty.disconnect();

            assertThatThrownBy(() -> connect(broker, "anon", null, null)).isInstanceOf(MqttException.class);
            assertThatThrownBy(() -> connect(broker, "gw-x", "gw-fenggang-01", "wrong"))
                    .isInstanceOf(MqttException.class);
            gateway.disconnect();
            job.disconnect();
        }
    }

    @Test
    void theHj212GatewayWritesForTheGatewaysOfItsLoggersAndNoOthers() throws Exception {
        var registry = RegistryLoader.sample();
        List<String> loggersGateways = registry.loggers().stream()
                .map(l -> registry.site(l.site()).orElseThrow().gateway())
                .distinct()
                .sorted()
                .toList();
        String acl = Files.readString(ACL);
        String section = acl.substring(acl.indexOf("user envwatch-hj212"));
        for (String gateway : loggersGateways) {
            assertThat(section).contains("topic write envwatch/v1/readings/" + gateway + "\n");
        }
        try (LocalMosquitto broker =
                LocalMosquitto.start(List.of("allow_anonymous false", "password_file " + PASSWD, "acl_file " + ACL))) {
            List<String> received = new CopyOnWriteArrayList<>();
            MqttClient job = connect(broker, "envwatch-job", "envwatch-job", "change-me-envwatch-job");
            job.subscribe(
                    new MqttSubscription[] {new MqttSubscription("envwatch/v1/+/+", 1)},
                    new IMqttMessageListener[] {(topic, message) -> received.add(topic)});
            MqttClient hj212 = connect(broker, "hj212", "envwatch-hj212", "change-me-envwatch-hj212");
            for (String topic : List.of(
                    "envwatch/v1/readings/gw-changping-01",
                    "envwatch/v1/rejected/gw-fenggang-01",
                    "envwatch/v1/complaints/x")) {
                try {
                    publish(hj212, topic, "not its to write");
                } catch (MqttException notAuthorised) {
                    // MQTT 5 brokers may answer the refused publish with a "not authorized" PUBACK.
                }
            }
            for (String gateway : loggersGateways) {
                publish(hj212, "envwatch/v1/readings/" + gateway, "a logger's readings");
            }
            publish(hj212, "envwatch/v1/rejected/envwatch-hj212", "a broken packet");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < loggersGateways.size() + 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            List<String> expected = new java.util.ArrayList<>(loggersGateways.stream()
                    .map(g -> "envwatch/v1/readings/" + g)
                    .toList());
            expected.add("envwatch/v1/rejected/envwatch-hj212");
            assertThat(received).containsExactlyElementsOf(expected);
            hj212.disconnect();
            job.disconnect();
        }
    }

    private static MqttClient connect(LocalMosquitto broker, String clientId, String user, String password)
            throws MqttException {
        MqttClient client = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options);
        return client;
    }

    private static void publish(MqttClient client, String topic, String payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }
}
