package io.envwatch.hj212.gateway;

import io.envwatch.district.readings.DeadLetterCodec;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.readings.RejectReason;
import io.envwatch.district.registry.DataLogger;
import io.envwatch.district.registry.Site;
import io.envwatch.hj212.loggers.LoggerReadings;
import io.envwatch.hj212.packets.Framer;
import io.envwatch.hj212.packets.Packet;
import io.envwatch.hj212.packets.Replies;
import io.envwatch.hj212.spool.Spool;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logger's TCP connection: frames its bytes into packets, checks each packet's MN and password,
 * turns data into readings of the logger's site, has them kept by the {@link Forwarder} and only
 * then answers the data response, asks for the minute data of a silence, and dead-letters what it
 * refuses. Everything here runs on the connection's event loop; the disk and the broker are the
 * forwarder's threads.
 */
final class LoggerSession {
    private static final Logger LOG = LoggerFactory.getLogger(LoggerSession.class);
    /** Framing refusals before any valid packet after which the peer is taken for no logger. */
    static final int REFUSALS_BEFORE_ACCEPTED = 20;
    /** Packets waiting for the disk before the connection stops being read. */
    static final int PAUSE_AT = 32;

    private static final int HISTORY_WINDOWS_KEPT = 8;
    private static final Pattern PASSWORD = Pattern.compile("PW=[^;&]*");

    private final Hj212Gateway gateway;
    private final NetSocket socket;
    private final Context context;
    private final String peer;
    private final Framer framer = new Framer();
    private final Deque<Window> history = new ArrayDeque<>();
    private final RateLimit refusals;

    private long accepted;
    private long refusedBeforeValid;
    private int waitingForDisk;
    /** Not read while too many of its packets wait for the disk, or while it does not read our answers. */
    private boolean pausedForDisk;

    private boolean pausedForAnswers;
    private boolean paused;
    private long partialSince = -1;
    private boolean closed;

    /** A period of a logger's minute data this connection asked for: such data are read. */
    private record Window(String mn, long from, long to) {}

    LoggerSession(Hj212Gateway gateway, NetSocket socket, Context context) {
        this.gateway = gateway;
        this.socket = socket;
        this.context = context;
        this.peer = socket.remoteAddress().host();
        this.refusals = new RateLimit(gateway.settings().refusalsPerMinute());
    }

    String peer() {
        return peer;
    }

    void received(Buffer bytes) {
        if (closed) {
            return;
        }
        byte[] b = bytes.getBytes();
        for (Framer.Result r : framer.feed(b, 0, b.length)) {
            if (closed) {
                return;
            }
            if (r instanceof Framer.Framed f) {
                gateway.counts().packets.increment();
                packet(f.packet(), f.raw());
            } else if (r instanceof Framer.Rejected rejected) {
                refusedBeforeValid++;
                refuse(reasonOf(rejected.reason()), rejected.detail(), null, rejected.raw());
                if (accepted == 0 && refusedBeforeValid >= REFUSALS_BEFORE_ACCEPTED) {
                    closeForAbuse(refusedBeforeValid + " broken packets and not one valid");
                }
            }
        }
        partialSince = framer.pending() == 0 ? -1 : partialSince < 0 ? gateway.now() : partialSince;
    }

    /** Closes the connection, on its own event loop, if it has held a packet half sent for longer than the setting. */
    void sweep(long now) {
        context.runOnContext(v -> checkPartial(now));
    }

    private void checkPartial(long now) {
        if (partialSince >= 0
                && now - partialSince > gateway.settings().partialTimeout().toMillis()) {
            refuse(
                    RejectReason.HJ212_BAD_LENGTH,
                    "a packet begun and not finished in "
                            + gateway.settings().partialTimeout().toSeconds() + " s",
                    null,
                    null);
            closeForAbuse("a packet half sent");
        }
    }

    private void packet(Packet p, String raw) {
        Optional<DataLogger> known = gateway.registry().logger(p.mn());
        if (known.isEmpty()) {
            refuse(RejectReason.HJ212_UNKNOWN_MN, "no registry logger has MN " + p.mn(), null, raw);
            if (accepted == 0 && ++refusedBeforeValid >= REFUSALS_BEFORE_ACCEPTED) {
                closeForAbuse("packets of unknown loggers only");
            }
            return;
        }
        DataLogger logger = known.get();
        if (!MessageDigest.isEqual(
                p.pw().getBytes(StandardCharsets.UTF_8),
                gateway.password(logger).getBytes(StandardCharsets.UTF_8))) {
            refuse(RejectReason.HJ212_BAD_PASSWORD, "wrong PW for MN " + p.mn(), logger.site(), raw);
            if (accepted == 0 && ++refusedBeforeValid >= REFUSALS_BEFORE_ACCEPTED) {
                closeForAbuse("wrong passwords only");
            }
            return;
        }
        accepted++;
        String cn = p.cn();
        if (cn.equals(logger.liveCommand()) || (cn.equals("2051") && inHistoryWindow(p))) {
            data(p, raw, logger, cn.equals(logger.liveCommand()));
        } else if (LoggerReadings.DATA_COMMANDS.containsKey(cn)) {
            gateway.counts().notRead.increment();
            answer(p);
        } else if (!List.of("9011", "9012", "9013", "9014").contains(cn)) {
            refuse(RejectReason.HJ212_UNSUPPORTED_COMMAND, "CN " + cn + " is not taken", logger.site(), raw);
        }
    }

    private void data(Packet p, String raw, DataLogger logger, boolean live) {
        Site site = gateway.registry().site(logger.site()).orElseThrow();
        LoggerReadings.Result result;
        try {
            result = LoggerReadings.of(p, logger, gateway.zone());
        } catch (IllegalArgumentException e) {
            refuse(RejectReason.HJ212_BAD_DATA_TIME, e.getMessage(), site.id(), raw);
            answer(p); // it cannot become readings by being sent again
            return;
        }
        for (LoggerReadings.Skipped s : result.skipped()) {
            refuse(
                    s.reason().equals("unknown-code") ? RejectReason.HJ212_UNKNOWN_CODE : RejectReason.HJ212_BAD_VALUE,
                    s.detail(),
                    site.id(),
                    raw);
        }
        List<Reading> readings = result.values().stream()
                .map(v -> v.reading(site.id(), site.gateway()))
                .toList();
        if (live && !result.values().isEmpty()) {
            gateway.backfill()
                    .live(p.mn(), result.values().get(0).timestamp())
                    .ifPresent(gap -> askFor(p, logger, gap));
        }
        if (readings.isEmpty()) {
            answer(p);
            return;
        }
        long flagged = result.values().stream().filter(v -> !v.normal()).count();
        waitingForDisk++;
        if (waitingForDisk >= PAUSE_AT && !pausedForDisk) {
            pausedForDisk = true;
            reading();
        }
        gateway.forwarder()
                .keep(ReadingCodec.topicFor(site.gateway()), ReadingCodec.encode(site.gateway(), readings))
                .whenComplete((sequence, error) -> context.runOnContext(v -> {
                    waitingForDisk--;
                    if (pausedForDisk && waitingForDisk <= PAUSE_AT / 4) {
                        pausedForDisk = false;
                        reading();
                    }
                    if (error == null) {
                        gateway.counts().readings.add(readings.size());
                        gateway.counts().flaggedValues.add(flagged);
                        if (!live) {
                            gateway.counts().historyReadings.add(readings.size());
                        }
                        answer(p);
                    } else {
                        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                        gateway.counts().spoolFull.increment();
                        if (!(cause instanceof Spool.Full)) {
                            LOG.error("HJ 212 gateway: the spool could not keep {}'s data", p.mn(), cause);
                        } else {
                            gateway.spoolFull(cause.getMessage());
                        }
                    }
                }));
    }

    private void askFor(Packet p, DataLogger logger, Backfill.Gap gap) {
        if (history.size() == HISTORY_WINDOWS_KEPT) {
            history.removeFirst();
        }
        history.addLast(new Window(p.mn(), gap.from(), gap.to()));
        Packet request = Replies.historyRequest(
                "2051",
                p.st(),
                p.pw(),
                p.mn(),
                Instant.ofEpochMilli(gap.from()),
                Instant.ofEpochMilli(gap.to()),
                Instant.ofEpochMilli(gateway.now()),
                gateway.zone());
        gateway.counts().historyRequests.increment();
        LOG.info(
                "HJ 212 gateway: logger {} ({}) was silent for {}; asking for its minute data {} to {}",
                p.mn(),
                logger.site(),
                gap.length(),
                Instant.ofEpochMilli(gap.from()),
                Instant.ofEpochMilli(gap.to()));
        send(request);
    }

    private boolean inHistoryWindow(Packet p) {
        Optional<String> dataTime = p.cp().get("DataTime");
        if (dataTime.isEmpty()) {
            return false;
        }
        try {
            long at = LoggerReadings.dataTime(dataTime.get(), gateway.zone());
            // A minute's data is stamped with the minute's start, up to a minute before what was asked.
            return history.stream().anyMatch(w -> w.mn().equals(p.mn()) && at >= w.from() - 60_000 && at <= w.to());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void answer(Packet p) {
        if (p.answerWanted() && p.qn() != null) {
            send(Replies.dataResponse(p));
            gateway.counts().answered.increment();
        }
    }

    private void send(Packet reply) {
        if (closed) {
            return;
        }
        socket.write(Buffer.buffer(reply.frame().getBytes(StandardCharsets.US_ASCII)));
        // A peer that sends and never reads what it is answered would have the answers pile up here.
        if (socket.writeQueueFull() && !pausedForAnswers) {
            pausedForAnswers = true;
            gateway.counts().pausedForAnswers.increment();
            reading();
            socket.drainHandler(v -> {
                pausedForAnswers = false;
                reading();
            });
        }
    }

    /** Reads the connection, or not, as the disk and the peer's reading of answers allow. */
    private void reading() {
        boolean pause = pausedForDisk || pausedForAnswers;
        if (pause != paused) {
            paused = pause;
            if (pause) {
                socket.pause();
            } else {
                socket.resume();
            }
        }
    }

    private void refuse(RejectReason reason, String detail, String sensor, String raw) {
        gateway.counts().refused(reason);
        if (!refusals.take(gateway.now())) {
            gateway.counts().refusalsNotPublished.increment();
            return;
        }
        byte[] letter = DeadLetterCodec.encode(
                reason, detail + " (from " + peer + ")", sensor, withoutPassword(raw), gateway.now());
        gateway.forwarder()
                .keepWhileRoom(DeadLetterCodec.topicFor(gateway.settings().sender()), letter)
                .thenAccept(kept -> {
                    if (!kept) {
                        gateway.counts().refusalsNotPublished.increment();
                    }
                });
    }

    /** A packet's text without the password it carried: a wrong one may be a near miss of the right one. */
    static String withoutPassword(String raw) {
        return raw == null ? null : PASSWORD.matcher(raw).replaceAll("PW=***");
    }

    private static RejectReason reasonOf(String framerReason) {
        return RejectReason.valueOf(
                "HJ212_" + framerReason.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private void closeForAbuse(String why) {
        gateway.counts().connectionsClosedForAbuse.increment();
        LOG.warn("HJ 212 gateway: closing the connection from {}: {}", peer, why);
        close();
    }

    void close() {
        if (!closed) {
            closed = true;
            socket.close();
        }
    }

    /** So many a minute, refilled continuously: a burst of a minute's worth, then the rate. */
    private static final class RateLimit {
        private final double perMilli;
        private final double capacity;
        private double tokens;
        private long at = -1;

        RateLimit(int perMinute) {
            this.capacity = perMinute;
            this.perMilli = perMinute / 60_000.0;
            this.tokens = perMinute;
        }

        boolean take(long now) {
            if (at >= 0) {
                tokens = Math.min(capacity, tokens + (now - at) * perMilli);
            }
            at = now;
            if (tokens >= 1) {
                tokens--;
                return true;
            }
            return false;
        }
    }
}
