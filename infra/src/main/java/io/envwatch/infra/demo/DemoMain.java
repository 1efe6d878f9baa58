package io.envwatch.infra.demo;

import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.DutyAlertPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.ReadingPoint;
import io.envwatch.local.LocalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar infra/target/envwatch-demo.jar [--for-seconds=N]}: starts the {@link Demo},
 * prints where to look, logs what is stored every 10 s, and stops cleanly on Ctrl-C.
 */
public final class DemoMain {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMain.class);

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Demo demo;
        try {
            demo = Demo.start(
                    env.containsKey("ENVWATCH_REGISTRY")
                            ? RegistryLoader.load(Path.of(env.get("ENVWATCH_REGISTRY")))
                            : Demo.sampleRegistry(),
                    Integer.parseInt(
                            env.getOrDefault("ENVWATCH_DEMO_MQTT_PORT", String.valueOf(LocalProcess.freePort()))),
                    Integer.parseInt(env.getOrDefault("ENVWATCH_DUTY_PORT", "8090")),
                    env.containsKey("ENVWATCH_INFLUX_URL") ? InfluxSettings.fromEnvironment(env) : null,
                    Duration.ofMillis(Long.parseLong(env.getOrDefault("ENVWATCH_DEMO_INTERVAL_MS", "1000"))));
        } catch (Exception e) {
            LOG.error("EnvWatch demo could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("EnvWatch demo: shutting down");
                            status.shutdownNow();
                            demo.close();
                            stopped.countDown();
                        },
                        "demo-shutdown"));
        status.scheduleAtFixedRate(demo::logStatus, 10, 10, TimeUnit.SECONDS);

        String url = demo.influx().url();
        String db = demo.influx().database();
        System.out.printf(
                "%n  EnvWatch demo is running.%n"
                        + "  MQTT broker:  %s   (gateways publish to %s{gateway})%n"
                        + "  Duty console: %s/console/   (sign in with duty-demo-token; a team: fenggang-demo-token)%n"
                        + "  Ledger:       %s/console/cases.html   (leaders: city-leader-demo-token, branch-chief-demo-token)%n"
                        + "  Duty API:     curl -H 'Authorization: Bearer duty-demo-token' '%s/api/v1/alerts?state=active'%n"
                        + "  InfluxDB:     %s   database %s%n"
                        + "  Duty alerts:  curl -G '%s/query' --data-urlencode 'db=%s' --data-urlencode 'q=%s'%n"
                        + "  Readings:     curl -G '%s/query' --data-urlencode 'db=%s' --data-urlencode 'q=%s GROUP BY %s'%n"
                        + "  Stop with Ctrl-C.%n%n",
                demo.brokerUrl(),
                ReadingCodec.TOPIC_PREFIX,
                demo.dutyUrl(),
                demo.dutyUrl(),
                demo.dutyUrl(),
                url,
                db,
                url,
                db,
                InfluxQl.selectAll(DutyAlertPoint.MEASUREMENT),
                url,
                db,
                InfluxQl.count(ReadingPoint.VALUE),
                ReadingPoint.QUANTITY.quoted());
        for (String arg : args) {
            if (arg.startsWith("--for-seconds=")) {
                Thread.sleep(Long.parseLong(arg.substring("--for-seconds=".length())) * 1000);
                System.exit(0);
            }
        }
        stopped.await();
    }
}
