package io.envwatch.alerting;

import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertEventStore;
import io.envwatch.alerting.alerts.AlertFilter;
import io.envwatch.alerting.alerts.AlertLedger;
import io.envwatch.alerting.alerts.BoardPoints;
import io.envwatch.alerting.alerts.EvidenceQueries;
import io.envwatch.alerting.alerts.IncidentFeed;
import io.envwatch.alerting.api.DutyApi;
import io.envwatch.alerting.api.Readiness;
import io.envwatch.alerting.campaigns.Campaigns;
import io.envwatch.alerting.cases.CaseBook;
import io.envwatch.alerting.cases.CaseEventStore;
import io.envwatch.alerting.cases.CaseEvidenceQueries;
import io.envwatch.alerting.cases.CaseLedger;
import io.envwatch.alerting.complaints.ComplaintDesk;
import io.envwatch.alerting.complaints.ComplaintFollowUp;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.complaints.RepeatCaseQueries;
import io.envwatch.alerting.console.LiveFeed;
import io.envwatch.alerting.notifications.Audience;
import io.envwatch.alerting.notifications.DeliveryLog;
import io.envwatch.alerting.notifications.NotificationChannel;
import io.envwatch.alerting.notifications.Notifier;
import io.envwatch.alerting.notifications.WebhookChannel;
import io.envwatch.alerting.ratings.Ratings;
import io.envwatch.alerting.river.SectionQueries;
import io.envwatch.alerting.staff.StaffDirectory;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.alerting.store.RepeatCases;
import io.envwatch.alerting.tips.TipBook;
import io.envwatch.alerting.tips.TipEventStore;
import io.envwatch.alerting.tips.TipLedger;
import io.envwatch.alerting.web.ConnectionLimits;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty service: turns the job's incidents into alerts people work, keeps every change as an
 * event in InfluxDB, notifies teams, and serves the API and the live console. Closing it stops it.
 */
public final class DutyService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DutyService.class);
    static final long DEADLINE_CHECK_MS = 1_000;
    /** How far back a restart looks for notifications that never got an outcome. */
    static final Duration RESEND_WITHIN = Duration.ofHours(1);

    private final Vertx vertx;
    private final HttpServer server;
    private final AlertLedger ledger;
    private final CaseLedger cases;
    private final TipLedger tips;
    private Campaigns campaigns;
    private Ratings ratings;
    private final ComplaintPublisher complaints;
    private int resentAtStart;

    private DutyService(
            Vertx vertx,
            HttpServer server,
            AlertLedger ledger,
            CaseLedger cases,
            TipLedger tips,
            ComplaintPublisher complaints) {
        this.cases = cases;
        this.tips = tips;
        this.vertx = vertx;
        this.server = server;
        this.ledger = ledger;
        this.complaints = complaints;
    }

    /** @param influx where the job's points are and the service's own events go */
    public static Builder builder(Registry registry, InfluxSettings influx) {
        return new Builder(registry, influx);
    }

    public static final class Builder {
        private final Registry registry;
        private final InfluxSettings influx;
        private DutySettings settings;
        private int port = 8090;
        private ComplaintPublisher complaints;
        private Clock clock = Clock.systemUTC();

        private Builder(Registry registry, InfluxSettings influx) {
            this.registry = registry;
            this.influx = influx;
        }

        public Builder settings(DutySettings settings) {
            this.settings = settings;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where accepted complaints go; without one they are refused (503). */
        public Builder complaints(ComplaintPublisher complaints) {
            this.complaints = complaints;
            return this;
        }

        /** The clock deadlines and polls run on; tests pass one they move. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Recovers everything from InfluxDB, then listens. Fails with a {@link StartFailure} saying
         * what to check, having stopped what it had started.
         */
        public DutyService start() throws StartFailure {
            DutySettings s = settings != null
                    ? settings
                    : DutySettingsLoader.parse("sample", DutySettingsLoader.sampleText(), registry, System::getenv);
            Vertx vertx = Vertx.vertx();
            List<AutoCloseable> started = new ArrayList<>();
            try {
                return start(s, vertx, started);
            } catch (StartFailure | RuntimeException e) {
                for (AutoCloseable c : started) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // failing already
                    }
                }
                vertx.close();
                throw e;
            }
        }

        private DutyService start(DutySettings s, Vertx vertx, List<AutoCloseable> started) throws StartFailure {
            String store = "InfluxDB at " + influx.url() + " (database " + influx.database() + ")";
            String checkInflux = "check ENVWATCH_INFLUX_URL and ENVWATCH_INFLUX_DATABASE (with _VERSION, _ORG and "
                    + "_TOKEN for InfluxDB 2) and that InfluxDB runs";
            InfluxQlRows rows = new InfluxQlRows(influx);
            InfluxWrites writes = new InfluxWrites(influx);
            RepeatCases repeatCases = new RepeatCases(rows);
            AlertBook book = new AlertBook(
                    s.acknowledgeWithin(),
                    s.onSceneWithin(),
                    s.reopenWithin(),
                    registry.localTime().zoneId());
            AlertLedger ledger = new AlertLedger(
                    book,
                    new AlertEventStore(rows, writes),
                    new IncidentFeed(
                            rows, repeatCases, registry.rules().complaints().repeatCaseReach()),
                    clock,
                    s.incidentLookback());
            started.add(ledger);
            int events = step("reading the stored alert events from " + store, checkInflux, ledger::recover);
            LOG.info(
                    "duty service recovered {} alert(s) from {} stored event(s)",
                    book.read(b -> b.find(AlertFilter.everything()).size()),
                    events);
            BoardPoints boards = new BoardPoints(registry, book, writes, clock);
            boards.writeDistrict();
            ledger.listen(boards);
            LiveFeed feed = new LiveFeed(vertx, book);
            ledger.listen(feed);
            DeliveryLog deliveries = new DeliveryLog(vertx, writes);
            List<NotificationChannel> channels = s.channels().stream()
                    .map(c -> (NotificationChannel) new WebhookChannel(
                            vertx,
                            c.id(),
                            Audience.parse(c.audience()),
                            c.url(),
                            c.secret(),
                            c.maxAttempts(),
                            c.firstRetryAfter(),
                            clock))
                    .toList();
            Notifier notifier = new Notifier(vertx.getOrCreateContext(), book, channels, deliveries);
            ledger.listen(notifier);
            CaseLedger cases = new CaseLedger(
                    new CaseBook(s.cases(), registry.localTime().zoneId()),
                    new CaseEventStore(rows, writes),
                    new CaseEvidenceQueries(rows, registry),
                    repeatCases,
                    writes,
                    clock,
                    registry.rules().complaints().repeatCaseReach());
            started.add(cases);
            int caseEvents = step("recovering the ledger's cases from " + store, checkInflux, cases::recover);
            LOG.info(
                    "duty service recovered {} ledger case(s) from {} stored event(s)",
                    cases.book().find(c -> true).size(),
                    caseEvents);
            CaseNotifications caseNotifications = new CaseNotifications(notifier, cases.book(), clock);
            cases.listen(caseNotifications);
            // Notifications in flight when the service last stopped have no recorded outcome: send them again.
            Instant since = clock.instant().minus(RESEND_WITHIN);
            long sinceNs = since.getEpochSecond() * 1_000_000_000L + since.getNano();
            Set<String> recorded = step(
                    "reading the notifications' outcomes from " + store,
                    checkInflux,
                    () -> DeliveryLog.recordedSince(rows, since));
            int resent = notifier.resendUnrecorded(sinceNs, recorded)
                    + caseNotifications.resendUnrecorded(sinceNs, recorded);
            if (resent > 0) {
                LOG.info(
                        "sending {} notification(s) again that had no recorded outcome when the service last stopped",
                        resent);
            }
            TipLedger tips = s.tips() == null
                    ? null
                    : new TipLedger(
                            new TipBook(s.tips()),
                            new TipEventStore(rows, writes),
                            writes,
                            clock,
                            registry.localTime().zoneId());
            if (tips != null) {
                started.add(tips);
                int tipEvents = step("recovering the tips from " + store, checkInflux, tips::recover);
                LOG.info(
                        "duty service recovered {} tip(s) from {} stored event(s)",
                        tips.book().find(t -> true).size(),
                        tipEvents);
            }
            Campaigns campaigns = new Campaigns(rows, writes, clock);
            LOG.info(
                    "duty service recovered {} campaign(s)",
                    step("recovering the campaigns from " + store, checkInflux, campaigns::recover));
            if (tips != null) {
                tips.book().rewardMultiplier(campaigns::tipMultiplier);
            }
            Ratings ratings = new Ratings(rows, writes, repeatCases, registry, cases.book(), clock);
            ConnectionLimits.Guard doors = s.http().guard(vertx);
            DutyApi api = new DutyApi(
                    vertx,
                    registry,
                    ledger,
                    cases,
                    tips,
                    campaigns,
                    ratings,
                    new EvidenceQueries(rows),
                    feed,
                    deliveries,
                    new StaffDirectory(s.staff()),
                    new SectionQueries(rows, registry),
                    new ComplaintDesk(rows),
                    new RepeatCaseQueries(repeatCases, registry),
                    complaints,
                    s.intakeLimits(),
                    new ComplaintFollowUp(rows, writes, book, clock),
                    doors,
                    clock);
            HttpServer server = step(
                    "listening on port " + port,
                    "check ENVWATCH_DUTY_PORT: another process may hold the port",
                    () -> vertx.createHttpServer(s.http().serverOptions())
                            .connectionHandler(doors)
                            .requestHandler(doors.requests(api.router()))
                            .listen(port, "0.0.0.0")
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(30, TimeUnit.SECONDS));
            DutyService service = new DutyService(vertx, server, ledger, cases, tips, complaints);
            service.campaigns = campaigns;
            service.ratings = ratings;
            service.resentAtStart = resent;
            service.schedule(s.pollEvery().toMillis(), s.cases().pollEvery().toMillis(), api.readiness());
            LOG.info(
                    "duty service listening: console http://127.0.0.1:{}/console/ , API /api/v1/alerts; "
                            + "acknowledge within {}, on scene within {}, {} staff, {} notification channel(s)",
                    server.actualPort(),
                    s.acknowledgeWithin(),
                    s.onSceneWithin(),
                    s.staff().size(),
                    channels.size());
            return service;
        }
    }

    /** A start that cannot go on: what failed and what to check, in one line. */
    public static final class StartFailure extends Exception {
        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One step of the start; its failure says what the step was and what to check. */
    private static <T> T step(String what, String check, Callable<T> work) throws StartFailure {
        try {
            return work.call();
        } catch (Exception e) {
            Throwable cause = e;
            while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new StartFailure(what + " failed (" + cause + "); " + check, cause);
        }
    }

    /** Polls the job's incidents and checks deadlines; a run still going is not started twice. */
    private void schedule(long pollEveryMs, long casePollEveryMs, Readiness readiness) {
        AtomicBoolean polling = new AtomicBoolean();
        AtomicBoolean checking = new AtomicBoolean();
        AtomicBoolean casePolling = new AtomicBoolean();
        vertx.setPeriodic(casePollEveryMs, casePollEveryMs, id -> {
            vertx.executeBlocking(campaigns::refresh)
                    .onFailure(e -> LOG.warn("campaign progress not refreshed: {}", e.getMessage()));
            vertx.executeBlocking(ratings::computeLastMonthIfDue)
                    .onFailure(e -> LOG.warn("monthly ratings not computed: {}", e.getMessage()));
            if (casePolling.compareAndSet(false, true)) {
                cases.poll().whenComplete((n, e) -> {
                    casePolling.set(false);
                    if (e != null) {
                        LOG.warn("case poll failed (will retry): {}", e.getMessage());
                    }
                });
            }
        });
        vertx.setPeriodic(0, pollEveryMs, id -> {
            if (polling.compareAndSet(false, true)) {
                ledger.pollIncidents().whenComplete((n, e) -> {
                    polling.set(false);
                    if (e != null) {
                        readiness.storeFailed(e);
                        LOG.warn("incident poll failed (will retry): {}", e.getMessage());
                    } else {
                        readiness.storeAnswered();
                    }
                });
            }
        });
        vertx.setPeriodic(DEADLINE_CHECK_MS, DEADLINE_CHECK_MS, id -> {
            if (checking.compareAndSet(false, true)) {
                ledger.checkDeadlines().whenComplete((n, e) -> {
                    checking.set(false);
                    if (e != null) {
                        LOG.warn("deadline check failed (will retry): {}", e.getMessage());
                    }
                });
            }
        });
    }

    /** How many notifications this start sent again because the last run stopped before their outcome. */
    public int resentAtStart() {
        return resentAtStart;
    }

    /** Looks at the job's incidents now rather than at the next poll (tests, the demo). */
    public CompletableFuture<Integer> pollIncidentsNow() {
        return ledger.pollIncidents();
    }

    /** Proposes cases from repeat cases, reopens and escalates now rather than at the next case poll. */
    public CompletableFuture<Integer> pollCasesNow() {
        return cases.poll();
    }

    /** Checks deadlines now rather than within the next second. */
    public CompletableFuture<Integer> checkDeadlinesNow() {
        return ledger.checkDeadlines();
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ledger.close();
        cases.close();
        if (tips != null) {
            tips.close();
        }
        if (complaints != null) {
            complaints.close();
        }
    }
}
