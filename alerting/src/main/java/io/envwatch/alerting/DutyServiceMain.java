package io.envwatch.alerting;

import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.ingest.registry.RegistryLoader;
import java.util.Map;

/** Runs the duty service: ENVWATCH_DUTY_PORT (default 8090), ENVWATCH_REGISTRY, ENVWATCH_INFLUX_*. */
public final class DutyServiceMain {
    private DutyServiceMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        DutyService service = DutyService.start(
                RegistryLoader.loadOrSample(env.get("ENVWATCH_REGISTRY")),
                DutyService.influxFromEnvironment(env),
                env.getOrDefault("ENVWATCH_INFLUX_DATABASE", "envwatch"),
                Integer.parseInt(env.getOrDefault("ENVWATCH_DUTY_PORT", "8090")),
                ComplaintPublisher.connect(env.getOrDefault("ENVWATCH_MQTT_URL", "tcp://mosquitto:1883"), "duty-service",
                        env.get("ENVWATCH_DUTY_MQTT_USER"), env.get("ENVWATCH_DUTY_MQTT_PASSWORD")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                // shutting down anyway
            }
        }));
    }
}
