package io.envwatch.alerting.cases;

import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.store.InfluxQlRows;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.schema.CaseEventPoint;
import io.envwatch.district.schema.CaseStatePoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.RepeatCasePoint;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of case events, as {@code AlertLedger} is of alert events: everything that changes
 * a case (people's commands, the job's repeat cases, corroborated complaints after a close-out,
 * missed deadlines) runs here one at a time. An event is stored first and applied after; its
 * board point ({@link CaseStatePoint}) follows.
 */
public final class CaseLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaseLedger.class);

    private final CaseBook book;
    private final CaseEventStore store;
    private final CaseEvidenceQueries evidence;
    private final InfluxQlRows reads;
    private final InfluxWrites writes;
    private final Clock clock;
    private final Duration lookback;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "case-ledger");
        t.setDaemon(true);
        return t;
    });
    private long lastNs;
    private final List<CaseListener> listeners = new CopyOnWriteArrayList<>();
    /** Review-overdue as last written to each case's board point: a quarter ending changes it without an event. */
    private final Map<String, Boolean> overdueWritten = new HashMap<>();

    /** @param lookback how far back each poll reads the job's repeat cases and corroborated complaints */
    public CaseLedger(CaseBook book, CaseEventStore store, CaseEvidenceQueries evidence, InfluxQlRows reads,
            InfluxWrites writes, Clock clock, Duration lookback) {
        this.book = book;
        this.store = store;
        this.evidence = evidence;
        this.reads = reads;
        this.writes = writes;
        this.clock = clock;
        this.lookback = lookback;
    }

    /** Rebuilds every case from the stored events. Call once, before anything else. */
    public int recover() throws Exception {
        return submit(() -> {
            List<CaseEventPoint> events = store.loadAll();
            events.forEach(book::apply);
            lastNs = events.isEmpty() ? 0 : events.get(events.size() - 1).timeNanos();
            List<String> boards = new ArrayList<>();
            book.find(c -> true).forEach(c -> boards.add(boardPoint(c)));
            writes.writeAll(boards);
            return events.size();
        }).get();
    }

    /**
     * Reads the job's open repeat cases (proposing a case for each not yet taken in) and the
     * corroborated complaints (reopening closed-out cases about their sources); escalates missed
     * deadlines. Completes with how many events it stored.
     */
    public CompletableFuture<Integer> poll() {
        return submit(() -> {
            int recorded = 0;
            long now = clock.millis();
            for (var row : reads.rows(InfluxQl.selectAll(RepeatCasePoint.MEASUREMENT) + " WHERE time >= "
                    + InfluxQl.literal(clock.instant().minus(lookback)) + " ORDER BY time ASC")) {
                RepeatCasePoint rc = RepeatCasePoint.fromRow(row);
                try {
                    for (CaseEventPoint draft : book.propose(rc, now).stream().toList()) {
                        record(draft);
                        recorded++;
                    }
                } catch (CaseBook.Refused e) {
                    LOG.warn("repeat case {} not proposed as a case: {}", rc.id(), e.getMessage());
                }
            }
            for (CaseEvidenceQueries.Corroborated c : evidence.corroboratedSince(clock.instant().minus(lookback))) {
                for (CaseEventPoint draft : book.reopenings(c.source(), c.id(), c.at())) {
                    record(draft);
                    recorded++;
                }
            }
            for (Case c : book.find(c -> !c.state().isClosed())) {
                if (!Boolean.valueOf(c.reviewOverdue(now, book.zone())).equals(overdueWritten.get(c.id()))) {
                    writeBoardPoint(c);
                }
            }
            for (CaseEventPoint draft : book.dueEscalations(clock.millis())) {
                LOG.warn("case {} escalated to {}: {}", draft.caseId(), draft.escalatedTo(), draft.note());
                record(draft);
                recorded++;
            }
            return recorded;
        });
    }

    public CompletableFuture<Case> open(CaseBook.Opening opening, Staff by) {
        return command(() -> book.open(opening, by, clock.millis()));
    }

    public CompletableFuture<Case> plan(String id, String opinion, long deadline, Staff by) {
        return command(() -> book.plan(id, opinion, deadline, by, clock.millis()));
    }

    public CompletableFuture<Case> verify(String id, Staff by, String note) {
        return command(() -> book.verify(id, by, note));
    }

    /** Reads the source's evidence on the ledger's thread, so the sign-off and its check are one step. */
    public CompletableFuture<Case> closeOut(String id, Staff by, String note) {
        return command(() -> {
            Case c = book.get(id).orElseThrow(() -> new CaseBook.Refused(CaseBook.Refused.Reason.NO_SUCH_CASE, "no case " + id));
            return book.closeOut(id, by, evidence.of(c.source()), note, clock.millis());
        });
    }

    public CompletableFuture<Case> review(String id, Staff by, String findings, String nextSteps) {
        return command(() -> book.review(id, by, findings, nextSteps));
    }

    private CompletableFuture<Case> command(Supplier<CaseEventPoint> decide) {
        return submit(() -> {
            CaseEventPoint event = record(decide.get());
            LOG.info("case {} {} by {}", event.caseId(), event.action(), event.actor());
            return book.get(event.caseId()).orElseThrow();
        });
    }

    private CaseEventPoint record(CaseEventPoint draft) {
        lastNs = Math.max(lastNs + 1, clock.millis() * 1_000_000L);
        CaseEventPoint event = CaseBook.at(draft, lastNs);
        store.append(event);
        book.apply(event);
        Case c = book.get(event.caseId()).orElseThrow();
        writeBoardPoint(c);
        for (CaseListener listener : listeners) {
            try {
                listener.changed(c, event);
            } catch (RuntimeException e) {
                LOG.warn("case listener failed on {} {}: {}", event.caseId(), event.action(), e.toString());
            }
        }
        return event;
    }

    /** Told of every stored case event, in order, on the ledger's thread: a listener hands slow work on. */
    public interface CaseListener {
        void changed(Case c, CaseEventPoint event);
    }

    public void listen(CaseListener listener) {
        listeners.add(listener);
    }

    /** The case as it stands, for the boards; a failed write is logged and made good by the next change. */
    private void writeBoardPoint(Case c) {
        try {
            writes.write(boardPoint(c));
        } catch (RuntimeException e) {
            LOG.warn("the board point of case {} not stored: {}", c.id(), e.getMessage());
        }
    }

    private String boardPoint(Case c) {
        boolean overdue = c.reviewOverdue(clock.millis(), book.zone());
        overdueWritten.put(c.id(), overdue);
        return new CaseStatePoint(c.town(), evidence.industryOf(c.source()), c.state().wireName(), c.id(), c.source(),
                c.cause(), c.owner(), c.ownerLevel(), c.households(), c.deadline(), overdue, !c.state().isClosed(),
                c.openedAt(), c.firstEventNanos()).toLine();
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, thread);
    }

    public CaseBook book() {
        return book;
    }

    public CaseEvidenceQueries evidence() {
        return evidence;
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
