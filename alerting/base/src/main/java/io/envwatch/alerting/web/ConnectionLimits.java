package io.envwatch.alerting.web;

import io.envwatch.alerting.settings.SettingsReader;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client, or all of them together, may hold of the duty service's HTTP server. The
 * service faces the public: a client that opens connections and never finishes a request (a
 * "slowloris", or a body announced and never sent) must not take the file descriptors that health,
 * the console and the next citizen's complaint need.
 *
 * <ul>
 *   <li>a request's line and headers must have arrived {@code headersWithin} after the connection
 *       opened or its previous answer ended (an idle keep-alive connection closes then too);</li>
 *   <li>a whole request, body included, must have arrived {@code requestWithin} after it began
 *       (answered 408 and closed otherwise);</li>
 *   <li>one address may hold {@code perAddress} connections: more are answered 429 and closed;</li>
 *   <li>past {@code maxConnections} only an address holding none gets one (up to a reserve, so a
 *       citizen and the health check still get through a flood from a few addresses); any other
 *       connection there is closed at once, unanswered, before it costs more.</li>
 * </ul>
 *
 * @param maxHeaderBytes the request line and headers together; more is answered 431 by Vert.x
 */
public record ConnectionLimits(
        int maxConnections, int perAddress, Duration headersWithin, Duration requestWithin, int maxHeaderBytes) {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);
    /** How long a connection refused with a status may take to send its request before it is closed. */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(2);
    /** Descriptors kept for everything else a process holds (InfluxDB and broker clients, jars, logs). */
    private static final int OTHER_DESCRIPTORS = 256;

    private static final long SWEEP_MS = 250;

    /** The {@code http} section; every key optional. */
    public static ConnectionLimits read(SettingsReader r) {
        ConnectionLimits d = ConnectionLimits.defaults();
        if (!r.missing("/http")) {
            r.onlyKeys(
                    "/http",
                    Set.of("maxConnections", "perAddress", "headersWithin", "requestWithin", "maxHeaderBytes"));
        }
        return new ConnectionLimits(
                r.integer("/http/maxConnections", d.maxConnections(), 16, 1_000_000),
                r.integer("/http/perAddress", d.perAddress(), 1, 1_000_000),
                r.duration("/http/headersWithin", d.headersWithin().toString()),
                r.duration("/http/requestWithin", d.requestWithin().toString()),
                r.integer("/http/maxHeaderBytes", d.maxHeaderBytes(), 1024, 65_536));
    }

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(2000, 32, Duration.ofSeconds(10), Duration.ofSeconds(30), 8192);
    }

    /** Connections past {@link #maxConnections} kept for addresses that hold none yet. */
    public int reserve() {
        return Math.max(16, maxConnections / 10);
    }

    /**
     * The server options these limits need. No cleartext HTTP/2: its upgrade check holds a
     * connection back from the connection handler until a whole request has come, which is the
     * very time a slow client takes. The idle timeout is only a backstop: the live feed writes a
     * comment every 15 s, the deadlines above are what close a slow client.
     */
    public HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                .setHttp2ClearTextEnabled(false)
                .setMaxHeaderSize(maxHeaderBytes)
                .setMaxInitialLineLength(Math.min(4096, maxHeaderBytes))
                .setIdleTimeout((int) Math.max(60, requestWithin.toSeconds() * 2))
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
    }

    /** The guard of one server: its connection handler and what wraps its request handler. */
    public Guard guard(Vertx vertx) {
        return new Guard(vertx, this);
    }

    /** Counts connections by address and closes those that break a deadline; one per server. */
    public static final class Guard implements Handler<HttpConnection> {
        private final ConnectionLimits limits;
        private final int ceiling;
        private final Map<HttpConnection, Held> held = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicLong refused = new AtomicLong();
        private final AtomicLong closedAtOnce = new AtomicLong();
        private final AtomicLong timedOut = new AtomicLong();
        private final long timer;
        private final Vertx vertx;

        private Guard(Vertx vertx, ConnectionLimits limits) {
            this.vertx = vertx;
            this.limits = limits;
            long wanted = (long) limits.maxConnections + limits.reserve();
            long descriptors = descriptorLimit();
            this.ceiling = (int) Math.min(wanted, Math.max(64, descriptors - OTHER_DESCRIPTORS));
            if (ceiling < wanted) {
                LOG.warn(
                        "this process may open {} files: the duty service holds at most {} connections, not {} "
                                + "(raise the limit, e.g. ulimit -n, or lower http.maxConnections)",
                        descriptors,
                        ceiling,
                        wanted);
            }
            this.timer = vertx.setPeriodic(SWEEP_MS, id -> sweep(System.nanoTime()));
        }

        private static long descriptorLimit() {
            if (ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                return unix.getMaxFileDescriptorCount();
            }
            return Long.MAX_VALUE;
        }

        @Override
        public void handle(HttpConnection connection) {
            String address = connection.remoteAddress() == null
                    ? "unknown"
                    : connection.remoteAddress().hostAddress();
            int total = open.incrementAndGet();
            int mine =
                    byAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            Held h = new Held(address, System.nanoTime());
            held.put(connection, h);
            connection.closeHandler(v -> release(connection));
            // Past maxConnections only the reserve is left, and only for an address holding none:
            // nothing else there is answered, since an answer needs the descriptor a citizen needs.
            boolean room = mine == 1 ? total <= ceiling : total <= limits.maxConnections;
            if (!room) {
                closedAtOnce.incrementAndGet();
                // Counted out now, not when the close completes: a burst of accepts comes before any close does.
                release(connection);
                connection.close();
            } else if (mine > limits.perAddress) {
                h.refuse(
                        429,
                        "too many connections from your address (" + limits.perAddress + "); close some and retry");
            }
        }

        private void release(HttpConnection connection) {
            Held h = held.remove(connection);
            if (h == null) {
                return;
            }
            open.decrementAndGet();
            byAddress.computeIfPresent(h.address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }

        /** Wraps the server's request handler: a refused connection gets its status, others their deadline. */
        public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
            return request -> {
                Held h = held.get(request.connection());
                if (h != null && h.refusal != 0) {
                    refused.incrementAndGet();
                    answer(request, h.refusal, h.reason);
                    return;
                }
                if (h != null) {
                    h.began(request, System.nanoTime());
                }
                next.handle(request);
            };
        }

        private static void answer(HttpServerRequest request, int status, String reason) {
            HttpServerResponse response = request.response();
            if (response.headWritten()) {
                request.connection().close();
                return;
            }
            response.setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close");
            if (status == 429) {
                response.putHeader("Retry-After", "5");
            }
            response.end(new JsonObject().put("error", reason).encode())
                    .onComplete(v -> request.connection().close());
        }

        private void sweep(long now) {
            long headers = limits.headersWithin.toNanos();
            long request = limits.requestWithin.toNanos();
            held.forEach((connection, h) -> {
                HttpServerRequest current = h.current;
                if (h.closing) {
                    return;
                }
                if (h.refusal != 0) {
                    if (now - h.since > REFUSED_WITHIN.toNanos()) {
                        h.closing = true;
                        connection.close();
                    }
                } else if (current == null) {
                    if (now - h.since > headers) {
                        h.closing = true;
                        timedOut.incrementAndGet();
                        connection.close();
                    }
                } else if (!current.isEnded()) {
                    if (now - h.since > request) {
                        h.closing = true;
                        timedOut.incrementAndGet();
                        answer(
                                current,
                                408,
                                "the request did not arrive within " + limits.requestWithin.toSeconds() + " s");
                        // The answer may not get out to a client that does not read: close regardless.
                        vertx.setTimer(1_000, t -> connection.close());
                    }
                } else if (current.response().ended()) {
                    h.idle(now);
                }
            });
        }

        /** What the health answer says of the doors. */
        public JsonObject figures() {
            return new JsonObject()
                    .put("open", open.get())
                    .put("addresses", byAddress.size())
                    .put("ceiling", ceiling)
                    .put("refused", refused.get())
                    .put("closedAtOnce", closedAtOnce.get())
                    .put("timedOut", timedOut.get());
        }

        public void close() {
            vertx.cancelTimer(timer);
        }
    }

    /** One open connection: its address, the request it is on (null between requests) and since when. */
    private static final class Held {
        final String address;
        volatile long since;
        volatile HttpServerRequest current;
        volatile int refusal;
        volatile String reason;
        volatile boolean closing;

        Held(String address, long since) {
            this.address = address;
            this.since = since;
        }

        void refuse(int status, String why) {
            reason = why;
            refusal = status;
        }

        void began(HttpServerRequest request, long now) {
            since = now;
            current = request;
        }

        void idle(long now) {
            since = now;
            current = null;
        }
    }
}
