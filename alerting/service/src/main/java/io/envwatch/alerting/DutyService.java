package io.envwatch.alerting;

import io.envwatch.alerting.api.DutyApi;
import io.envwatch.alerting.capability.Capability;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.dutyroom.DutyRoom;
import io.envwatch.alerting.ledger.Ledger;
import io.envwatch.alerting.notifications.DeliveryLog;
import io.envwatch.alerting.staff.StaffDirectory;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.alerting.store.RepeatCases;
import io.envwatch.alerting.tips.TipSettings;
import io.envwatch.alerting.web.Authentication;
import io.envwatch.alerting.web.ConnectionLimits;
import io.envwatch.alerting.web.PublicDoors;
import io.envwatch.alerting.web.WrongCodes;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.InfluxSettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** How far back a restart looks for notifications that never got an outcome. */
    static final Duration RESEND_WITHIN = Duration.ofHours(1);
    /** Reception days are judged for two days after; their notifications' outcomes are read back for three. */
    static final Duration RECEPTION_TOLD_WITHIN = Duration.ofDays(3);

    private final Vertx vertx;
    private final HttpServer server;
    private final DutyRoom dutyRoom;
    private final Ledger ledger;
    private final int resentAtStart;

    private DutyService(Vertx vertx, HttpServer server, DutyRoom dutyRoom, Ledger ledger, int resentAtStart) {
        this.vertx = vertx;
        this.server = server;
        this.dutyRoom = dutyRoom;
        this.ledger = ledger;
        this.resentAtStart = resentAtStart;
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
            Authentication authentication = new Authentication(
                    new StaffDirectory(s.staff()), s.intakeLimits().trustForwardedFor());
            PublicDoors publicDoors = new PublicDoors(
                    s.intakeLimits(),
                    s.intakeLimits().gate(),
                    new WrongCodes(
                            s.tips() == null
                                    ? TipSettings.DEFAULT_WRONG_CODES
                                    : s.tips().wrongCodes(),
                            "claim-codes"),
                    authentication);
            DutyRoom dutyRoom = new DutyRoom(
                    vertx,
                    registry,
                    s.alerts(),
                    s.channels(),
                    rows,
                    writes,
                    repeatCases,
                    complaints,
                    publicDoors,
                    clock);
            started.add(dutyRoom);
            Ledger ledger = new Ledger(
                    vertx,
                    registry,
                    s.cases(),
                    s.tips(),
                    s.reception(),
                    s.supervision(),
                    s.patrols(),
                    rows,
                    writes,
                    repeatCases,
                    publicDoors,
                    clock);
            started.add(ledger);
            for (Capability c : List.<Capability>of(dutyRoom, ledger)) {
                step("recovering the " + c.name() + " from " + store, checkInflux, () -> {
                    c.recover();
                    return null;
                });
            }
            // A case's escalation goes out through the duty room's channels.
            CaseNotifications caseNotifications =
                    new CaseNotifications(dutyRoom.notifier(), ledger.cases().book(), clock);
            ledger.cases().listen(caseNotifications);
            Map<String, String> roomOfTown = new HashMap<>();
            s.alerts().roomTowns().forEach((room, towns) -> towns.forEach(town -> roomOfTown.put(town, room)));
            PatrolNotifications patrolNotifications =
                    new PatrolNotifications(dutyRoom.notifier(), ledger.patrols(), roomOfTown);
            ledger.onMissedRound(patrolNotifications::missed);
            // Notifications in flight when the service last stopped have no recorded outcome: send them again.
            Instant since = clock.instant().minus(RESEND_WITHIN);
            long sinceNs = since.getEpochSecond() * 1_000_000_000L + since.getNano();
            // Read once, over the longest any notifier looks back: reception days are judged for days after.
            Set<String> recorded = step(
                    "reading the notifications' outcomes from " + store,
                    checkInflux,
                    () -> DeliveryLog.recordedSince(rows, clock.instant().minus(RECEPTION_TOLD_WITHIN)));
            int resent = dutyRoom.notifier().resendUnrecorded(sinceNs, recorded)
                    + caseNotifications.resendUnrecorded(sinceNs, recorded)
                    + patrolNotifications.resendUnrecorded(since.toEpochMilli(), recorded);
            ledger.onMissedReceptionDay(new ReceptionNotifications(dutyRoom.notifier(), roomOfTown, recorded)::missed);
            if (resent > 0) {
                LOG.info(
                        "sending {} notification(s) again that had no recorded outcome when the service last stopped",
                        resent);
            }
            ConnectionLimits.Guard doors = s.http().guard(vertx);
            DutyApi api = new DutyApi(vertx, List.of(dutyRoom, ledger), authentication, doors, registry.language());
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
            DutyService service = new DutyService(vertx, server, dutyRoom, ledger, resent);
            service.schedule(List.of(dutyRoom, ledger));
            LOG.info(
                    "duty service listening: console http://127.0.0.1:{}/console/ , API /api/v1/alerts; "
                            + "acknowledge within {}, on scene within {}, {} staff, {} notification channel(s)",
                    server.actualPort(),
                    s.acknowledgeWithin(),
                    s.onSceneWithin(),
                    s.staff().size(),
                    dutyRoom.channelCount());
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

    /** Runs every capability's polls; a run still going is not started twice, a failed one is tried again. */
    private void schedule(List<Capability> capabilities) {
        for (Capability c : capabilities) {
            for (Capability.Poll poll : c.polls()) {
                AtomicBoolean running = new AtomicBoolean();
                vertx.setPeriodic(poll.firstAfter().toMillis(), poll.every().toMillis(), id -> {
                    if (running.compareAndSet(false, true)) {
                        poll.run().get().whenComplete((n, e) -> {
                            running.set(false);
                            if (e != null) {
                                LOG.warn("{} failed (will retry): {}", poll.what(), e.getMessage());
                            }
                        });
                    }
                });
            }
        }
    }

    /** How many notifications this start sent again because the last run stopped before their outcome. */
    public int resentAtStart() {
        return resentAtStart;
    }

    /** Looks at the job's incidents now rather than at the next poll (tests, the demo). */
    public CompletableFuture<Integer> pollIncidentsNow() {
        return dutyRoom.pollIncidents();
    }

    /** Proposes cases from repeat cases, reopens and escalates now rather than at the next case poll. */
    public CompletableFuture<Integer> pollCasesNow() {
        return ledger.pollCases();
    }

    /** Judges the patrol rounds now (the town rooms told of those newly missed); completes with how many were. */
    public CompletableFuture<Integer> judgePatrolsNow() {
        return ledger.judgePatrols().map(List::size).toCompletionStage().toCompletableFuture();
    }

    /** Tells of reception days missed now rather than at the next case poll. */
    public CompletableFuture<Integer> checkReceptionDaysNow() {
        return ledger.checkReceptionDays().map(List::size).toCompletionStage().toCompletableFuture();
    }

    /** Checks deadlines now rather than within the next second. */
    public CompletableFuture<Integer> checkDeadlinesNow() {
        return dutyRoom.checkDeadlines();
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // The capabilities first: their deliveries and writes still need Vert.x.
        dutyRoom.close();
        ledger.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
