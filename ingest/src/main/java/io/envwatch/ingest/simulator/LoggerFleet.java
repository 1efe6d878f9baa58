package io.envwatch.ingest.simulator;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.hj212.loggers.SimulatedLogger;
import io.envwatch.hj212.loggers.SimulatedLogger.Value;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HJ 212 mode: the registry's data loggers (a noise station, an odour analyser, a
 * TP analyser in the sample) as real TCP clients of the HJ 212 gateway, sending real-time data at
 * the simulator's interval with the values the native gateways would send (scenarios included),
 * keeping their minutes for the gateway's history requests, and reconnecting when the line drops.
 * Twice an hour, at minutes 30 and 31, each is calibrated: it sends the calibration standard's value
 * flagged C (a 94 dB tone, a span gas, a standard solution), which the platform must not judge.
 */
public final class LoggerFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoggerFleet.class);

    /** What a calibration feeds each quantity's instrument, in its unit. */
    static final Map<Quantity, Double> CALIBRATION_STANDARDS =
            Map.of(Quantity.NOISE, 94.0, Quantity.H2S, 0.5, Quantity.NH3, 5.0, Quantity.TP, 0.5);

    private final Registry registry;
    private final GatewaySimulator values;
    private final String host;
    private final int port;
    private final Duration interval;
    private final LongSupplier clock;
    private final List<SimulatedLogger> loggers = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong calibrating = new AtomicLong();
    private ScheduledExecutorService scheduler;

    public LoggerFleet(
            Registry registry,
            GatewaySimulator values,
            String host,
            int port,
            Duration interval,
            LongSupplier clock,
            Function<String, String> environment) {
        this.registry = registry;
        this.values = values;
        this.host = host;
        this.port = port;
        this.interval = interval;
        this.clock = clock;
        for (DataLogger l : registry.loggers()) {
            loggers.add(new SimulatedLogger(
                    l, l.password(environment), registry.localTime().zoneId()));
        }
    }

    public void start() {
        scheduler = Executors.newScheduledThreadPool(loggers.size(), r -> new Thread(r, "logger-fleet"));
        for (SimulatedLogger l : loggers) {
            scheduler.scheduleAtFixedRate(() -> tick(l), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleAtFixedRate(
                () -> LOG.info(
                        "simulator (HJ 212): {} loggers to {}:{}, {} packets sent, {} answered, {} calibration values",
                        loggers.size(),
                        host,
                        port,
                        sent.get(),
                        answered.get(),
                        calibrating.get()),
                10,
                10,
                TimeUnit.SECONDS);
    }

    private void tick(SimulatedLogger l) {
        long now = clock.getAsLong();
        Value[] measured = measure(l.logger(), now);
        l.measure(now - now % 60_000, measure(l.logger(), now - now % 60_000));
        try {
            if (!l.connected()) {
                l.connect(host, port);
                LOG.info(
                        "simulator (HJ 212): logger {} connected to {}:{}",
                        l.logger().mn(),
                        host,
                        port);
            }
            sent.incrementAndGet();
            if (l.sendRealtime(now - now % 1000, 10_000, measured)) {
                answered.incrementAndGet();
            }
        } catch (IOException e) {
            LOG.warn(
                    "simulator (HJ 212): logger {}: {}; reconnecting",
                    l.logger().mn(),
                    e.toString());
            l.disconnect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Each of the logger's codes its site reports, in the code's unit; the calibration standard at minutes 30 and 31. */
    Value[] measure(DataLogger logger, long at) {
        Site site = registry.site(logger.site()).orElseThrow();
        int minute =
                Instant.ofEpochMilli(at).atZone(registry.localTime().zoneId()).getMinute();
        boolean calibration = minute == 30 || minute == 31;
        List<Value> out = new ArrayList<>();
        for (Quantity q : values.quantitiesOf(site)) {
            String code = logger.quantities().entrySet().stream()
                    .filter(e -> e.getValue() == q)
                    .map(Map.Entry::getKey)
                    .sorted()
                    .findFirst()
                    .orElse(null);
            if (code == null) {
                continue;
            }
            Double standard = CALIBRATION_STANDARDS.get(q);
            boolean calibrated = calibration && standard != null;
            double canonical = calibrated ? standard : values.value(site, q, at);
            double factor = q.factorFrom(logger.unit(code).orElse(q.unit())).orElseThrow();
            out.add(new Value(
                    code, Math.round(canonical / factor * 10_000) / 10_000.0, calibrated ? DataFlag.C : DataFlag.N));
            if (calibrated) {
                calibrating.incrementAndGet();
            }
        }
        return out.toArray(Value[]::new);
    }

    public long answered() {
        return answered.get();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        loggers.forEach(SimulatedLogger::close);
    }
}
