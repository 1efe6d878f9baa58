package io.envwatch.alerting.cases;

import io.envwatch.alerting.events.EventLog;
import io.envwatch.alerting.events.Refused;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.alerting.store.RepeatCases;
import io.envwatch.district.schema.CaseStatePoint;
import io.envwatch.district.schema.RepeatCasePoint;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cases on their {@link EventLog}: people's commands, the job's repeat cases, corroborated
 * complaints after a close-out and missed deadlines each become events the {@link CaseBook}
 * decides on; each stored event is followed by the case's board point ({@link CaseStatePoint}).
 */
public final class CaseLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaseLedger.class);

    private final CaseBook book;
    private final CaseEvidenceQueries evidence;
    private final RepeatCases repeatCases;
    private final InfluxWrites writes;
    private final Clock clock;
    private final Duration lookback;
    private final EventLog<CaseEvent> log;
    /** Review-overdue as last written to each case's board point: a quarter ending changes it without an event. */
    private final Map<String, Boolean> overdueWritten = new HashMap<>();

    private volatile Function<String, Optional<CaseBook.PatrolFinding>> patrolFindings = id -> Optional.empty();

    /** @param lookback how far back each poll reads the job's repeat cases and corroborated complaints */
    public CaseLedger(
            CaseBook book,
            CaseEventStore store,
            CaseEvidenceQueries evidence,
            RepeatCases repeatCases,
            InfluxWrites writes,
            Clock clock,
            Duration lookback) {
        this.book = book;
        this.evidence = evidence;
        this.repeatCases = repeatCases;
        this.writes = writes;
        this.clock = clock;
        this.lookback = lookback;
        this.log = new EventLog<>("case", store, book::apply, clock);
        log.listen(e -> writeBoardPoint(book.get(e.caseId()).orElseThrow()));
    }

    /** Rebuilds every case from the stored events, then every case's board point. Call once, first. */
    public int recover() throws InterruptedException {
        return log.recover(() -> writes.writeAll(
                book.find(c -> true).stream().map(this::boardPoint).toList()));
    }

    /**
     * Reads the job's open repeat cases (proposing a case for each not yet taken in) and the
     * corroborated complaints (reopening closed-out cases about their sources); escalates missed
     * deadlines. Completes with how many events it stored.
     */
    public CompletableFuture<Integer> poll() {
        return log.submit(() -> {
            int recorded = 0;
            long now = clock.millis();
            for (RepeatCasePoint rc : repeatCases.since(clock.instant().minus(lookback))) {
                try {
                    for (CaseEvent draft : book.propose(rc, now).stream().toList()) {
                        log.record(draft);
                        recorded++;
                    }
                } catch (Refused e) {
                    LOG.warn("repeat case {} not proposed as a case: {}", rc.id(), e.getMessage());
                }
            }
            for (CaseEvidenceQueries.Corroborated c :
                    evidence.corroboratedSince(clock.instant().minus(lookback))) {
                for (CaseEvent draft : book.reopenings(c.source(), c.id(), c.at())) {
                    log.record(draft);
                    recorded++;
                }
            }
            for (Case c : book.find(c -> !c.state().isClosed())) {
                if (!Boolean.valueOf(c.reviewOverdue(now, book.zone())).equals(overdueWritten.get(c.id()))) {
                    writeBoardPoint(c);
                }
            }
            for (CaseEvent draft : book.dueEscalations(clock.millis())) {
                LOG.warn("case {} escalated to {}: {}", draft.caseId(), draft.escalatedTo(), draft.note());
                log.record(draft);
                recorded++;
            }
            return recorded;
        });
    }

    public CompletableFuture<Case> open(CaseBook.Opening opening, Staff by) {
        return command(() -> book.open(opening, by, clock.millis()));
    }

    /** Where the grid patrols' findings are read (blocking: on the ledger's thread). */
    public void readPatrolFindingsWith(Function<String, Optional<CaseBook.PatrolFinding>> lookup) {
        this.patrolFindings = lookup;
    }

    /** A case opened from a grid patrol's finding, read on the ledger's thread so the check and the step are one. */
    public CompletableFuture<Case> open(CaseBook.Opening opening, Staff by, String patrolFinding) {
        return command(() -> book.open(opening, by, clock.millis(), patrolFinding(patrolFinding)));
    }

    public CompletableFuture<Case> takeFinding(String id, String patrolFinding, Staff by) {
        return command(() -> book.takeFinding(id, patrolFinding(patrolFinding), by));
    }

    private CaseBook.PatrolFinding patrolFinding(String id) {
        return patrolFindings
                .apply(id)
                .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "refused.case.no-finding", "finding", id));
    }

    public CompletableFuture<Case> plan(String id, String opinion, long deadline, Staff by) {
        return command(() -> book.plan(id, opinion, deadline, by, clock.millis()));
    }

    public CompletableFuture<Case> people(String id, Staff by, People people) {
        return command(() -> book.people(id, by, people));
    }

    public CompletableFuture<Case> verify(String id, Staff by, String note) {
        return command(() -> book.verify(id, by, note));
    }

    /** Reads the source's evidence on the ledger's thread, so the sign-off and its check are one step. */
    public CompletableFuture<Case> closeOut(String id, Staff by, String note) {
        return command(() -> {
            Case c = book.get(id)
                    .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "refused.case.none", "id", id));
            return book.closeOut(id, by, evidence.of(c.source()), note, clock.millis());
        });
    }

    public CompletableFuture<Case> review(String id, Staff by, String findings, String nextSteps) {
        return command(() -> book.review(id, by, findings, nextSteps));
    }

    private CompletableFuture<Case> command(Supplier<CaseEvent> decide) {
        return log.submit(() -> {
            CaseEvent event = log.record(decide.get());
            LOG.info("case {} {} by {}", event.caseId(), event.action().wireName(), event.actor());
            return book.get(event.caseId()).orElseThrow();
        });
    }

    /** Told of every stored case event, in order, on the ledger's thread: a listener hands slow work on. */
    public interface CaseListener {
        void changed(Case c, CaseEvent event);
    }

    public void listen(CaseListener listener) {
        log.listen(e -> listener.changed(book.get(e.caseId()).orElseThrow(), e));
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
        return new CaseStatePoint(
                        c.town(),
                        evidence.industryOf(c.source()),
                        c.state().wireName(),
                        c.id(),
                        c.source(),
                        c.cause(),
                        c.owner(),
                        c.ownerLevel(),
                        c.households(),
                        c.deadline(),
                        overdue,
                        !c.state().isClosed(),
                        c.openedAt(),
                        evidence.villageOf(c.source()),
                        c.firstEventNanos())
                .toLine();
    }

    public CaseBook book() {
        return book;
    }

    public CaseEvidenceQueries evidence() {
        return evidence;
    }

    @Override
    public void close() throws InterruptedException {
        log.close();
    }
}
