package io.envwatch.hj212.gateway;

import io.envwatch.district.registry.DataLogger;
import io.envwatch.district.registry.Registry;
import io.envwatch.hj212.spool.Spool;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.io.IOException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HJ 212 gateway: accepts data loggers on TCP, and publishes what they send as their sites'
 * readings, the way a native gateway does (docs/hj212.md). Bounded everywhere a logger, or
 * something pretending to be one, could push: connections in all and per address, a half-sent
 * packet's time, dead letters per connection, the spool's disk.
 */
public final class Hj212Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hj212Gateway.class);

    private final Vertx vertx;
    private final Registry registry;
    private final GatewaySettings settings;
    private final Map<String, String> passwords;
    private final Forwarder forwarder;
    private final Backfill backfill;
    private final LongSupplier clock;
    private final GatewayCounts counts = new GatewayCounts();
    private final Set<LoggerSession> open = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final ZoneId zone;
    private NetServer server;
    private long sweeper = -1;
    private long reporter = -1;
    private volatile long spoolFullLogged;

    private Hj212Gateway(
            Vertx vertx,
            Registry registry,
            GatewaySettings settings,
            Map<String, String> passwords,
            Forwarder forwarder,
            Backfill backfill,
            LongSupplier clock) {
        this.vertx = vertx;
        this.registry = registry;
        this.settings = settings;
        this.passwords = passwords;
        this.forwarder = forwarder;
        this.backfill = backfill;
        this.clock = clock;
        this.zone = registry.localTime().zoneId();
    }

    /**
     * Opens the spool, starts forwarding and listens.
     *
     * @param environment where loggers' {@code passwordEnv} are read
     * @throws IllegalStateException when a logger's password is not set (named)
     */
    public static Future<Hj212Gateway> start(
            Vertx vertx,
            Registry registry,
            GatewaySettings settings,
            Function<String, String> environment,
            LongSupplier clock)
            throws Exception {
        Map<String, String> passwords = new HashMap<>();
        for (DataLogger l : registry.loggers()) {
            passwords.put(l.mn(), l.password(environment));
        }
        Spool spool =
                Spool.open(settings.dataDir().resolve("spool"), settings.spoolMaxBytes(), settings.spoolSegmentBytes());
        Forwarder forwarder = new Forwarder(
                spool,
                settings.spoolMaxBytes(),
                settings.brokerUrl(),
                settings.sender() + "-" + settings.port(),
                settings.sender(),
                settings.mqttPassword(),
                settings.maxInFlight());
        Backfill backfill = new Backfill(
                settings.dataDir().resolve("last-data.properties"),
                settings.backfillAfter(),
                settings.backfillHorizon());
        Hj212Gateway gateway = new Hj212Gateway(vertx, registry, settings, passwords, forwarder, backfill, clock);
        forwarder.start();
        return gateway.listen();
    }

    private Future<Hj212Gateway> listen() {
        NetServerOptions options = new NetServerOptions()
                .setIdleTimeout((int) settings.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true)
                // What the gateway sends are answers of 70-odd bytes and rare requests: a small send
                // buffer, so that a peer that does not read them is noticed (writeQueueFull) early.
                .setSendBufferSize(16 * 1024);
        server = vertx.createNetServer(options).connectHandler(socket -> {
            String address = socket.remoteAddress().host();
            AtomicInteger fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
            if (open.size() >= settings.maxConnections() || fromAddress.incrementAndGet() > settings.maxPerAddress()) {
                fromAddress.decrementAndGet();
                counts.connectionsRefused.increment();
                socket.close();
                return;
            }
            counts.connections.increment();
            // Answers are 70-odd bytes: a peer that leaves 8 KiB of them unread is not reading.
            socket.setWriteQueueMaxSize(8 * 1024);
            LoggerSession session = new LoggerSession(this, socket, vertx.getOrCreateContext());
            open.add(session);
            socket.handler(session::received);
            socket.exceptionHandler(e -> LOG.debug("HJ 212 gateway: connection from {}: {}", address, e.toString()));
            socket.closeHandler(v -> {
                open.remove(session);
                if (fromAddress.decrementAndGet() <= 0) {
                    perAddress.remove(address, fromAddress);
                }
                session.close();
            });
        });
        return server.listen(settings.port(), settings.host()).map(s -> {
            sweeper = vertx.setPeriodic(1_000, id -> sweep());
            reporter = vertx.setPeriodic(
                    60_000,
                    id -> LOG.info(
                            "HJ 212 gateway: {} open connections, broker {}; {}; spool {} messages, {} bytes",
                            open.size(),
                            forwarder.connected() ? "connected" : "NOT connected",
                            counts,
                            forwarder.waiting(),
                            forwarder.spoolBytes()));
            LOG.info(
                    "HJ 212 gateway: listening on {}:{} for {} loggers; publishing to {} as {}; spool {} (at most {} MiB)",
                    settings.host(),
                    s.actualPort(),
                    registry.loggers().size(),
                    settings.brokerUrl(),
                    settings.sender(),
                    settings.dataDir().resolve("spool"),
                    settings.spoolMaxBytes() >> 20);
            return this;
        });
    }

    private void sweep() {
        long now = now();
        for (LoggerSession s : open) {
            s.sweep(now);
        }
        vertx.executeBlocking(() -> {
            backfill.save();
            return null;
        });
    }

    public int port() {
        return server.actualPort();
    }

    public GatewayCounts counts() {
        return counts;
    }

    public Forwarder forwarder() {
        return forwarder;
    }

    Registry registry() {
        return registry;
    }

    GatewaySettings settings() {
        return settings;
    }

    Backfill backfill() {
        return backfill;
    }

    ZoneId zone() {
        return zone;
    }

    long now() {
        return clock.getAsLong();
    }

    String password(DataLogger logger) {
        return passwords.get(logger.mn());
    }

    void spoolFull(String why) {
        long now = now();
        if (now - spoolFullLogged > 60_000) {
            spoolFullLogged = now;
            LOG.warn("HJ 212 gateway: data not acknowledged to loggers, they keep it: {}", why);
        }
    }

    @Override
    public void close() {
        if (sweeper >= 0) {
            vertx.cancelTimer(sweeper);
            vertx.cancelTimer(reporter);
        }
        if (server != null) {
            try {
                server.close().await(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("HJ 212 gateway: the server did not close in 5 s");
            }
        }
        forwarder.close();
        try {
            backfill.save();
        } catch (IOException e) {
            LOG.warn("HJ 212 gateway: the loggers' last data times could not be saved", e);
        }
    }
}
