package io.envwatch.ingest.simulator;

import io.envwatch.delivery.ResendWindow;
import io.envwatch.delivery.ResendingPublisher;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the registry's gateways would: every interval, each gateway sends one QoS 1 batch
 * with a reading of every quantity of every site it serves, following daily patterns, with the
 * scripted scenarios laid over them. The publish window is sized from the broker's Receive
 * Maximum so a broker with a small in-flight limit is never overrun. What the broker acknowledged is
 * kept for a minute and sent again after every reconnect ({@link ResendingPublisher}).
 */
public final class GatewaySimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySimulator.class);

    private final Registry registry;
    private final String brokerUrl;
    private final Duration interval;
    private final List<Scenario> scenarios;
    private final LongSupplier clock;
    private final ReadingModel model;
    private final Map<String, List<Site>> sitesByGateway = new LinkedHashMap<>();
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final List<ResendingPublisher> publishers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private volatile long startedAt;
    private String username;
    private String password;

    public GatewaySimulator(
            Registry registry,
            String brokerUrl,
            int gateways,
            Duration interval,
            List<Scenario> scenarios,
            LongSupplier clock,
            long seed) {
        this.registry = registry;
        this.brokerUrl = brokerUrl;
        this.interval = interval;
        this.scenarios = List.copyOf(scenarios);
        this.clock = clock;
        this.model = new ReadingModel(registry, seed);
        this.startedAt = clock.getAsLong();
        for (Site site : registry.sites()) {
            if (sitesByGateway.size() < gateways || sitesByGateway.containsKey(site.gateway())) {
                sitesByGateway
                        .computeIfAbsent(site.gateway(), g -> new ArrayList<>())
                        .add(site);
            }
        }
    }

    /** The scripted episodes of the sample district, starting within a minute so the demo shows alerts at once. */
    public static List<Scenario> sampleScenarios() {
        return List.of(
                new Scenario(
                        "factory running at night next to homes",
                        "FE-N01",
                        Quantity.NOISE,
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(20),
                        71),
                new Scenario(
                        "odour episode at the food processing plant",
                        "TA-O03",
                        Quantity.H2S,
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(15),
                        0.25),
                new Scenario(
                        "phosphorus discharge upstream of Qiling",
                        "W-TANGXIA",
                        Quantity.TP,
                        Duration.ofSeconds(20),
                        Duration.ofMinutes(30),
                        0.62));
    }

    /** Credentials for brokers that require them. */
    public GatewaySimulator withCredentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public List<String> gateways() {
        return List.copyOf(sitesByGateway.keySet());
    }

    public void start() throws MqttException {
        startedAt = clock.getAsLong();
        scheduler = Executors.newScheduledThreadPool(1, r -> new Thread(r, "gateway-simulator"));
        for (String gateway : sitesByGateway.keySet()) {
            MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "sim-" + gateway, new MemoryPersistence());
            ResendingPublisher resending = new ResendingPublisher(client, new ResendWindow());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            if (username != null) {
                options.setUserName(username);
                options.setPassword(password == null ? null : password.getBytes(StandardCharsets.UTF_8));
            }
            IMqttToken token = client.connect(options);
            token.waitForCompletion(10_000);
            Integer receiveMaximum = token.getResponseProperties() == null
                    ? null
                    : token.getResponseProperties().getReceiveMaximum();
            int window = Math.min(1000, receiveMaximum == null ? 65535 : receiveMaximum);
            Long maxPacket = token.getResponseProperties() == null
                    ? null
                    : token.getResponseProperties().getMaximumPacketSize();
            clients.add(client);
            publishers.add(resending);
            Publisher publisher = new Publisher(
                    gateway, resending, new Semaphore(window), maxPacket == null ? Long.MAX_VALUE : maxPacket);
            scheduler.scheduleAtFixedRate(publisher, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleAtFixedRate(
                () -> LOG.info(
                        "simulator: {} batches, {} readings published, {} failed, {} refused as too large, {} sent again after reconnects",
                        batches.get(),
                        readings.get(),
                        failures.get(),
                        refused.get(),
                        resent()),
                10,
                10,
                TimeUnit.SECONDS);
        LOG.info(
                "simulator: {} gateways publishing every {} ms to {}; scenarios: {}",
                sitesByGateway.size(),
                interval.toMillis(),
                brokerUrl,
                scenarios.stream().map(Scenario::name).toList());
    }

    /** One batch for one gateway at the given time: normal readings with the active scenarios laid over. */
    public List<Reading> batch(String gateway, long now) {
        List<Reading> batch = new ArrayList<>();
        for (Site site : sitesByGateway.getOrDefault(gateway, List.of())) {
            for (Quantity quantity : model.quantitiesOf(site)) {
                batch.add(new Reading(site.id(), quantity, value(site, quantity, now), now, gateway));
            }
        }
        return batch;
    }

    /** The quantities a site reports. */
    public List<Quantity> quantitiesOf(Site site) {
        return model.quantitiesOf(site);
    }

    /** A site's value of a quantity at a time: its normal pattern, or an active scenario's level. */
    public synchronized double value(Site site, Quantity quantity, long now) {
        double value = model.normal(site, quantity, now);
        if (quantity == Quantity.TP) {
            value += model.upstreamDischarges(site, now - startedAt, scenarios);
        }
        for (Scenario s : scenarios) {
            if (s.site().equals(site.id()) && s.quantity() == quantity && s.activeAt(now - startedAt)) {
                value = model.jitter(quantity, s.level());
            }
        }
        return Math.round(value * 10_000) / 10_000.0;
    }

    /**
     * Leaves these sites to others (the registry's data loggers, played over HJ 212): a reading of
     * a site from two senders with different values would be a conflicting copy.
     */
    public GatewaySimulator without(java.util.Set<String> sites) {
        sitesByGateway.values().forEach(list -> list.removeIf(site -> sites.contains(site.id())));
        sitesByGateway.values().removeIf(List::isEmpty);
        return this;
    }

    /** Batches sent again after reconnects, over all gateways. */
    public long resent() {
        return publishers.stream().mapToLong(p -> p.window().resent()).sum();
    }

    /** Batches not sent because they exceed the broker's maximum packet size. */
    public long refused() {
        return refused.get();
    }

    /**
     * The size of the PUBLISH packet that carries {@code payload} on {@code topic} at QoS 1: fixed
     * header (at most 5 bytes), topic length and text, packet id, and the properties length byte.
     */
    static long publishPacketBytes(String topic, byte[] payload) {
        return 5 + 2 + topic.getBytes(StandardCharsets.UTF_8).length + 2 + 1 + payload.length;
    }

    private final class Publisher implements Runnable {
        private final String gateway;
        private final ResendingPublisher client;
        private final Semaphore window;
        private final long maxPacketBytes;

        Publisher(String gateway, ResendingPublisher client, Semaphore window, long maxPacketBytes) {
            this.gateway = gateway;
            this.client = client;
            this.window = window;
            this.maxPacketBytes = maxPacketBytes;
        }

        @Override
        public void run() {
            List<Reading> batch = batch(gateway, clock.getAsLong());
            byte[] payload = ReadingCodec.encode(gateway, batch);
            long packet = publishPacketBytes(ReadingCodec.topicFor(gateway), payload);
            if (packet > maxPacketBytes) {
                // The broker would drop the connection, and resending would only repeat that:
                // give this batch up, visibly.
                if (refused.incrementAndGet() % 100 == 1) {
                    LOG.warn(
                            "simulator: {}'s batch of {} readings ({} bytes) exceeds the broker's maximum packet size of {} bytes: not sent",
                            gateway,
                            batch.size(),
                            packet,
                            maxPacketBytes);
                }
                return;
            }
            if (!window.tryAcquire()) {
                failures.incrementAndGet();
                return;
            }
            client.publish(ReadingCodec.topicFor(gateway), payload).whenComplete((ok, error) -> {
                window.release();
                if (error == null) {
                    batches.incrementAndGet();
                    readings.addAndGet(batch.size());
                } else {
                    failures.incrementAndGet();
                }
            });
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        publishers.forEach(ResendingPublisher::close);
        for (MqttAsyncClient client : clients) {
            try {
                client.disconnect(2_000).waitForCompletion(3_000);
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("simulator disconnect: {}", e.getMessage());
            }
        }
    }
}
