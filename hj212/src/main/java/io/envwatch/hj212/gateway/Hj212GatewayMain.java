package io.envwatch.hj212.gateway;

import io.envwatch.district.CommandLine;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Command line: {@code [--registry file.yaml] [--port 9212] [--data hj212-data] [--broker tcp://host:1883]
 * [--username envwatch-hj212] [--password P] ...}, every setting also from the environment
 * ({@link GatewaySettings}, docs/hj212.md). Runs until stopped; a start that cannot go on (a
 * logger's password variable unset, the port taken) exits 1 with one line saying why.
 */
public final class Hj212GatewayMain {
    private Hj212GatewayMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = CommandLine.flags(args);
        Registry registry =
                RegistryLoader.loadOrSample(flags.getOrDefault("registry", System.getenv("ENVWATCH_REGISTRY")));
        GatewaySettings settings = GatewaySettings.of(flags, System::getenv);
        Vertx vertx = Vertx.vertx();
        Hj212Gateway gateway;
        try {
            gateway = Hj212Gateway.start(vertx, registry, settings, System::getenv, System::currentTimeMillis)
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("HJ 212 gateway: cannot start: " + e.getMessage());
            vertx.close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            vertx.close();
            // Not through the logger: its own shutdown hook may have stopped it already.
            System.err.println("HJ 212 gateway: stopped; " + gateway.counts());
            stopped.countDown();
        }));
        stopped.await();
    }
}
