package io.envwatch.alerting.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.envwatch.alerting.settings.SettingsReader;
import io.envwatch.district.language.Phrase;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How many complaints the public intake takes: per client address and overall, each a token
 * bucket that refills evenly over its window. Anonymous filing must stay open to citizens, and a
 * script must not be able to fill the duty room, raise severities or open repeat cases at will.
 * Cheap and non-blocking (a short lock), so it runs on the event loop.
 *
 * @param perClient complaints one address may file in {@code perClientWindow} (and at once)
 * @param overall complaints everyone together may file in {@code overallWindow}
 * @param trustForwardedFor take the client's address from the last X-Forwarded-For entry (only
 *     behind a proxy the bureau runs, which appends it; otherwise anyone could claim any address)
 */
public record IntakeLimits(
        int perClient, Duration perClientWindow, int overall, Duration overallWindow, boolean trustForwardedFor) {

    /** Addresses remembered at once; the least recently seen are forgotten (their buckets were full again anyway, mostly). */
    private static final int ADDRESSES = 100_000;

    /** The {@code complaintIntake} section; every key optional. */
    public static IntakeLimits read(SettingsReader r) {
        IntakeLimits d = IntakeLimits.defaults();
        if (!r.missing("/complaintIntake")) {
            r.onlyKeys(
                    "/complaintIntake",
                    Set.of("perClient", "perClientWindow", "overall", "overallWindow", "trustForwardedFor"));
        }
        JsonNode trust = r.at("/complaintIntake/trustForwardedFor");
        if (!trust.isMissingNode() && !trust.isBoolean()) {
            r.problem("/complaintIntake/trustForwardedFor", "must be true or false");
        }
        return new IntakeLimits(
                r.integer("/complaintIntake/perClient", d.perClient(), 1, 1_000_000),
                r.duration(
                        "/complaintIntake/perClientWindow", d.perClientWindow().toString()),
                r.integer("/complaintIntake/overall", d.overall(), 1, 100_000_000),
                r.duration("/complaintIntake/overallWindow", d.overallWindow().toString()),
                trust.asBoolean(d.trustForwardedFor()));
    }

    public static IntakeLimits defaults() {
        return new IntakeLimits(10, Duration.ofMinutes(10), 600, Duration.ofMinutes(1), false);
    }

    /** Whether a complaint may be filed now, and if not which limit and how long until it may. */
    public record Decision(boolean admitted, Phrase limit, long retryAfterSeconds) {}

    public Gate gate() {
        return new Gate(this);
    }

    /** The buckets of one running service. */
    public static final class Gate {
        private final IntakeLimits limits;
        private final Bucket overall;
        private final Map<String, Bucket> clients = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > ADDRESSES;
            }
        };

        private Gate(IntakeLimits limits) {
            this.limits = limits;
            this.overall = new Bucket(limits.overall, limits.overallWindow);
        }

        /** Takes a token from the client's bucket and the overall one, or from neither. */
        public synchronized Decision admit(String client, long nanos) {
            Bucket own = clients.computeIfAbsent(client, c -> new Bucket(limits.perClient, limits.perClientWindow));
            long ownWait = own.waitNanos(nanos);
            if (ownWait > 0) {
                return new Decision(
                        false,
                        Phrase.of(
                                "limit.per-client",
                                "count",
                                limits.perClient,
                                "minutes",
                                limits.perClientWindow.toSeconds() / 60.0),
                        seconds(ownWait));
            }
            long overallWait = overall.waitNanos(nanos);
            if (overallWait > 0) {
                return new Decision(
                        false,
                        Phrase.of(
                                "limit.overall",
                                "count",
                                limits.overall,
                                "minutes",
                                limits.overallWindow.toSeconds() / 60.0),
                        seconds(overallWait));
            }
            own.take();
            overall.take();
            return new Decision(true, null, 0);
        }

        /** Gives back what {@link #admit} took, for a try that turned out not to count (a right claim code). */
        public synchronized void refund(String client, long nanos) {
            Bucket own = clients.get(client);
            if (own != null) {
                own.giveBack(nanos);
            }
            overall.giveBack(nanos);
        }

        /** How long this client must wait before its next try (0: it may try now), without taking a token. */
        public synchronized long secondsToWait(String client, long nanos) {
            Bucket own = clients.get(client);
            long wait = own == null ? 0 : own.waitNanos(nanos);
            return wait == 0 ? 0 : seconds(wait);
        }

        private static long seconds(long nanos) {
            return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        }
    }

    private static final class Bucket {
        private final int capacity;
        private final double perNano;
        private double tokens;
        private long at = Long.MIN_VALUE;

        Bucket(int capacity, Duration window) {
            this.capacity = capacity;
            this.perNano = capacity / (double) window.toNanos();
            this.tokens = capacity;
        }

        /** 0 when a token is there now (after refilling up to {@code nanos}), else how long until one is. */
        long waitNanos(long nanos) {
            if (at != Long.MIN_VALUE) {
                tokens = Math.min(capacity, tokens + (nanos - at) * perNano);
            }
            at = nanos;
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
        }

        void take() {
            tokens -= 1;
        }

        void giveBack(long nanos) {
            waitNanos(nanos);
            tokens = Math.min(capacity, tokens + 1);
        }
    }
}
