package io.envwatch.alerting;

import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.InfluxSettings;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the duty service: ENVWATCH_DUTY_PORT (default 8090), ENVWATCH_REGISTRY,
 * ENVWATCH_DUTY_SETTINGS, ENVWATCH_INFLUX_*, ENVWATCH_MQTT_URL. Without settings it starts only when
 * ENVWATCH_DEMO=true, on the demo settings, whose tokens and tip key are published. A start that
 * fails exits with status 1 and one line saying what to check: a supervisor restarts it, instead of
 * finding a process that lives and never listens.
 */
public final class DutyServiceMain {
    private static final Logger LOG = LoggerFactory.getLogger(DutyServiceMain.class);

    private DutyServiceMain() {}

    public static void main(String[] args) {
        DutyService service;
        try {
            service = start(System.getenv());
        } catch (Exception | LinkageError e) {
            String line = "duty service did not start: " + e.getMessage();
            LOG.error(line);
            System.err.println(line);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                // shutting down anyway
            }
        }));
    }

    static DutyService start(Map<String, String> env) throws Exception {
        Registry registry;
        try {
            registry = RegistryLoader.loadOrSample(env.get("ENVWATCH_REGISTRY"));
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; check ENVWATCH_REGISTRY", e);
        }
        String settingsPath = env.get("ENVWATCH_DUTY_SETTINGS");
        DutySettings settings;
        if (settingsPath == null || settingsPath.isBlank()) {
            if (!DutySettingsLoader.demo(env::get)) {
                throw new IllegalStateException("no duty settings: set ENVWATCH_DUTY_SETTINGS to the bureau's settings "
                        + "file (docs/configuration.md); ENVWATCH_DEMO=true starts on the demo settings, whose tokens and "
                        + "tip key are published");
            }
            LOG.warn("starting on the DEMO duty settings (ENVWATCH_DEMO=true): their tokens and tip key are published; "
                    + "never run them where others can reach the service");
            settings =
                    DutySettingsLoader.parse("duty-sample.yaml", DutySettingsLoader.sampleText(), registry, env::get);
        } else {
            try {
                settings = DutySettingsLoader.load(Path.of(settingsPath), registry, env::get);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        e.getMessage() + "\n  (check ENVWATCH_DUTY_SETTINGS=" + settingsPath + ")", e);
            }
        }
        int port;
        try {
            port = Integer.parseInt(env.getOrDefault("ENVWATCH_DUTY_PORT", "8090"));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "ENVWATCH_DUTY_PORT must be a port number, not " + env.get("ENVWATCH_DUTY_PORT"));
        }
        InfluxSettings influx = InfluxSettings.fromEnvironment(env);
        String broker = env.getOrDefault("ENVWATCH_MQTT_URL", "tcp://mosquitto:1883");
        ComplaintPublisher complaints;
        try {
            complaints = ComplaintPublisher.connect(
                    broker, "duty-service", env.get("ENVWATCH_DUTY_MQTT_USER"), env.get("ENVWATCH_DUTY_MQTT_PASSWORD"));
        } catch (Exception e) {
            throw new IllegalStateException(
                    "connecting to the broker at " + broker + " failed (" + e + "); check "
                            + "ENVWATCH_MQTT_URL, ENVWATCH_DUTY_MQTT_USER and ENVWATCH_DUTY_MQTT_PASSWORD and that the broker runs",
                    e);
        }
        try {
            return DutyService.builder(registry, influx)
                    .settings(settings)
                    .port(port)
                    .complaints(complaints)
                    .start();
        } catch (DutyService.StartFailure | RuntimeException e) {
            complaints.close();
            throw e;
        }
    }
}
