package io.envwatch.alerting.tips;

import io.envwatch.alerting.events.EventLog;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.schema.TipStatePoint;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tips on their {@link EventLog}: receipts, reads (the audit), verifications, rewards, claims and
 * payouts, each followed by the tip's board point (counts and rates only). Claim-code checks run on
 * the log's thread too: they are slow by design, and must not hold a lock others wait on.
 */
public final class TipLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TipLedger.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TipBook book;
    private final InfluxWrites writes;
    private final Clock clock;
    private final ZoneId zone;
    private final EventLog<TipEvent> log;

    public TipLedger(TipBook book, TipEventStore store, InfluxWrites writes, Clock clock, ZoneId zone) {
        this.book = book;
        this.writes = writes;
        this.clock = clock;
        this.zone = zone;
        this.log = new EventLog<>("tip", store, book::apply, clock);
        log.listen(e -> writeBoardPoint(book.get(e.tip()).orElseThrow()));
    }

    /**
     * Rebuilds the tips from their events and then every tip's board point: an event is stored
     * before its board point, so a crash between the two leaves the board behind until this runs.
     * Completes with how many events it read.
     */
    public int recover() throws InterruptedException {
        return log.recover(() -> writes.writeAll(
                book.find(t -> true).stream().map(TipLedger::boardPoint).toList()));
    }

    /** Completes with the claim code, which is not kept anywhere. */
    public CompletableFuture<TipBook.Received> receive(String tipClass, String town, String text) {
        return log.submit(() -> {
            TipBook.Received received = book.receive(tipClass, town, text, clock.millis());
            TipEvent stored = log.record(received.event(), receiptTime());
            // No id, town or class: this line's own time would tie them to the tipster's connection.
            LOG.info("a rewarded tip was received");
            return new TipBook.Received(stored, received.claimCode());
        });
    }

    /** The tip a code opens; empty for a wrong code. */
    public CompletableFuture<Optional<Tip>> byCode(String code) {
        return log.submit(() -> book.byCode(code));
    }

    /** The tipster's claim of the decided reward, with the code. */
    public CompletableFuture<Optional<Tip>> claim(String code) {
        return log.submit(() -> {
            Optional<Tip> tip = book.byCode(code);
            tip.ifPresent(t -> log.record(book.claim(t)));
            return tip.flatMap(t -> book.get(t.id()));
        });
    }

    /** A staff read of the text: the audit entry is stored before the text is given out. */
    public CompletableFuture<Tip> read(String id, Staff by) {
        return log.submit(() -> {
            log.record(book.read(id, by));
            return book.get(id).orElseThrow();
        });
    }

    public CompletableFuture<Tip> investigate(String id, Staff by) {
        return command(() -> book.investigate(id, by));
    }

    public CompletableFuture<Tip> verify(String id, Staff by, boolean substantiated, String findings) {
        return command(() -> book.verify(id, by, substantiated, findings));
    }

    public CompletableFuture<Tip> decideReward(String id, Staff by) {
        return command(() -> book.decideReward(id, by));
    }

    public CompletableFuture<Tip> pay(String id, Staff by) {
        return command(() -> book.pay(id, by));
    }

    private CompletableFuture<Tip> command(Supplier<TipEvent> decide) {
        return log.submit(() -> {
            TipEvent e = log.record(decide.get());
            LOG.info("tip {} {} by {}", e.tip(), e.action().wireName(), e.actor());
            return book.get(e.tip()).orElseThrow();
        });
    }

    /**
     * When a tip is stored as received: the start of the hour plus a random part of a second, never
     * the moment. A moment to the millisecond, read by a curious insider beside a proxy's log, names
     * the tipster's address; the hour does not, and neither does the order of an hour's tips.
     */
    private long receiptTime() {
        long hour = clock.millis() / 3_600_000L * 3_600_000L * 1_000_000L;
        Set<Long> taken = new HashSet<>();
        book.find(t -> t.receivedAt() * 1_000_000L >= hour).forEach(t -> taken.add(t.firstEventNanos()));
        long at;
        do {
            at = hour + RANDOM.nextInt(1_000_000_000);
        } while (taken.contains(at));
        return at;
    }

    private void writeBoardPoint(Tip tip) {
        try {
            writes.write(boardPoint(tip));
        } catch (RuntimeException e) {
            LOG.warn("the board point of tip {} not stored: {}", tip.id(), e.getMessage());
        }
    }

    private static String boardPoint(Tip tip) {
        return new TipStatePoint(
                        tip.town(),
                        tip.tipClass(),
                        tip.id(),
                        tip.state().wireName(),
                        tip.state().closed(),
                        tip.state().substantiated(),
                        tip.reward(),
                        tip.daysToPayout(),
                        tip.firstEventNanos())
                .toLine();
    }

    /** A town's tips in a month (local time): verification rate and days to payout. */
    public record Figures(
            String town,
            int received,
            int closed,
            int substantiated,
            Double verificationRate,
            int paid,
            Double meanDaysToPayout,
            int paidWithin90Days) {}

    public List<Figures> figures(YearMonth month) {
        Map<String, List<Tip>> byTown = new TreeMap<>();
        for (Tip t : book.find(t -> true)) {
            byTown.computeIfAbsent(t.town(), k -> new ArrayList<>()).add(t);
        }
        List<Figures> out = new ArrayList<>();
        byTown.forEach((town, tips) -> {
            List<Tip> received =
                    tips.stream().filter(t -> in(month, t.receivedAt())).toList();
            List<Tip> closed = tips.stream()
                    .filter(t -> t.closedAt() > 0 && in(month, t.closedAt()))
                    .toList();
            long substantiated =
                    closed.stream().filter(t -> t.state().substantiated()).count();
            List<Tip> paid = tips.stream()
                    .filter(t -> t.paidAt() > 0 && in(month, t.paidAt()))
                    .toList();
            out.add(new Figures(
                    town,
                    received.size(),
                    closed.size(),
                    (int) substantiated,
                    closed.isEmpty() ? null : substantiated / (double) closed.size(),
                    paid.size(),
                    paid.isEmpty()
                            ? null
                            : paid.stream()
                                    .mapToLong(Tip::daysToPayout)
                                    .average()
                                    .orElseThrow(),
                    (int) paid.stream().filter(t -> t.daysToPayout() <= 90).count()));
        });
        return out;
    }

    private boolean in(YearMonth month, long at) {
        return YearMonth.from(Instant.ofEpochMilli(at).atZone(zone)).equals(month);
    }

    public TipBook book() {
        return book;
    }

    @Override
    public void close() throws InterruptedException {
        log.close();
    }
}
