package io.envwatch.infra.demo;

import com.hivemq.embedded.EmbeddedHiveMQ;
import io.envwatch.local.LocalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ Community Edition inside the demo's JVM, on loopback, sessions in memory. The queue
 * limit is raised so that persistent sessions keep every QoS 1 reading while the job restarts.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final EmbeddedHiveMQ hivemq;
    private final Path folder;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, Path folder, int port) {
        this.hivemq = hivemq;
        this.folder = folder;
        this.port = port;
    }

    public static EmbeddedBroker start(int port) {
        try {
            Path folder = Files.createTempDirectory("envwatch-hivemq-");
            Path conf = Files.createDirectories(folder.resolve("conf"));
            Files.createDirectories(folder.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                        <listeners>
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>127.0.0.1</bind-address>
                            </tcp-listener>
                        </listeners>
                        <mqtt>
                            <queued-messages>
                                <max-queue-size>1000000</max-queue-size>
                            </queued-messages>
                        </mqtt>
                        <persistence>
                            <mode>in-memory</mode>
                        </persistence>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(port));
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(folder.resolve("data")))
                    .withExtensionsFolder(folder.resolve("extensions"))
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            LOG.info("embedded HiveMQ CE broker listening on tcp://127.0.0.1:{}", port);
            return new EmbeddedBroker(hivemq, folder, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "the embedded HiveMQ broker did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            LOG.warn("embedded broker stop: {}", e.getMessage());
        }
        LocalProcess.deleteFolder(folder);
    }
}
