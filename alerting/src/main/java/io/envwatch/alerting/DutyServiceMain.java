package io.envwatch.alerting;

import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the duty service: ENVWATCH_DUTY_PORT (default 8090), ENVWATCH_REGISTRY,
 * ENVWATCH_DUTY_SETTINGS (default: the demo settings), ENVWATCH_INFLUX_*, ENVWATCH_MQTT_URL.
 */
public final class DutyServiceMain {
    private DutyServiceMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Registry registry = RegistryLoader.loadOrSample(env.get("ENVWATCH_REGISTRY"));
        String settingsPath = env.get("ENVWATCH_DUTY_SETTINGS");
        DutySettings settings = settingsPath == null || settingsPath.isBlank()
                ? DutySettingsLoader.parse("duty-sample.yaml", DutySettingsLoader.sampleText(), registry, env::get)
                : DutySettingsLoader.load(Path.of(settingsPath), registry, env::get);
        DutyService service = DutyService.builder(registry, InfluxSettings.fromEnvironment(env))
                .settings(settings)
                .port(Integer.parseInt(env.getOrDefault("ENVWATCH_DUTY_PORT", "8090")))
                .complaints(ComplaintPublisher.connect(env.getOrDefault("ENVWATCH_MQTT_URL", "tcp://mosquitto:1883"),
                        "duty-service", env.get("ENVWATCH_DUTY_MQTT_USER"), env.get("ENVWATCH_DUTY_MQTT_PASSWORD")))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                // shutting down anyway
            }
        }));
    }
}
