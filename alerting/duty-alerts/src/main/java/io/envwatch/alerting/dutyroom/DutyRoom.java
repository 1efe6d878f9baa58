package io.envwatch.alerting.dutyroom;

import io.envwatch.alerting.alerts.AlertBook;
import io.envwatch.alerting.alerts.AlertEventStore;
import io.envwatch.alerting.alerts.AlertFilter;
import io.envwatch.alerting.alerts.AlertLedger;
import io.envwatch.alerting.alerts.AlertSettings;
import io.envwatch.alerting.alerts.AlertsApi;
import io.envwatch.alerting.alerts.BoardPoints;
import io.envwatch.alerting.alerts.EvidenceQueries;
import io.envwatch.alerting.alerts.IncidentFeed;
import io.envwatch.alerting.capability.Capability;
import io.envwatch.alerting.complaints.ComplaintDesk;
import io.envwatch.alerting.complaints.ComplaintFollowUp;
import io.envwatch.alerting.complaints.ComplaintPublisher;
import io.envwatch.alerting.complaints.ComplaintsApi;
import io.envwatch.alerting.complaints.RepeatCaseQueries;
import io.envwatch.alerting.console.ConsoleApi;
import io.envwatch.alerting.console.LiveFeed;
import io.envwatch.alerting.notifications.ChannelSettings;
import io.envwatch.alerting.notifications.ChannelsApi;
import io.envwatch.alerting.notifications.DeliveriesApi;
import io.envwatch.alerting.notifications.DeliveryLog;
import io.envwatch.alerting.notifications.NotificationChannel;
import io.envwatch.alerting.notifications.Notifier;
import io.envwatch.alerting.river.RiverApi;
import io.envwatch.alerting.river.SectionQueries;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.alerting.store.RepeatCases;
import io.envwatch.alerting.web.PublicDoors;
import io.envwatch.district.language.Voice;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.schema.InfluxQlRows;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duty room as one capability of the duty service: the job's incidents become alerts with
 * deadlines, every change reaches the boards, the live feed and the notification channels, and the
 * public files complaints that the job corroborates.
 */
public final class DutyRoom implements Capability {
    private static final Logger LOG = LoggerFactory.getLogger(DutyRoom.class);
    /** How often response deadlines are checked. */
    static final Duration DEADLINE_CHECK = Duration.ofSeconds(1);

    private final AlertSettings settings;
    private final AlertLedger ledger;
    private final AlertBook book;
    private final BoardPoints boards;
    private final LiveFeed feed;
    private final DeliveryLog deliveries;
    private final List<NotificationChannel> channels;
    private final Notifier notifier;
    private final ComplaintPublisher publisher;
    private final AlertsApi alertsApi;
    private final ComplaintsApi complaintsApi;
    private final RiverApi riverApi;
    private final DeliveriesApi deliveriesApi;
    private final ChannelsApi channelsApi;
    private final ConsoleApi consoleApi;
    private volatile String storeProblem;

    /** @param publisher where accepted complaints go; null when no broker is configured (they are refused with 503) */
    public DutyRoom(
            Vertx vertx,
            Registry registry,
            AlertSettings settings,
            List<ChannelSettings> channelSettings,
            InfluxQlRows rows,
            InfluxWrites writes,
            RepeatCases repeatCases,
            ComplaintPublisher publisher,
            PublicDoors doors,
            Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        Voice voice = new Voice(registry.language(), registry.localTime().zoneId());
        this.book = new AlertBook(
                settings.acknowledgeWithin(),
                settings.onSceneWithin(),
                settings.reopenWithin(),
                voice,
                settings.townRooms());
        this.ledger = new AlertLedger(
                book,
                new AlertEventStore(rows, writes),
                new IncidentFeed(
                        rows, repeatCases, registry.rules().complaints().repeatCaseReach()),
                clock,
                settings.incidentLookback());
        this.boards = new BoardPoints(registry, book, writes, clock);
        this.feed = new LiveFeed(vertx, book);
        this.deliveries = new DeliveryLog(vertx, writes);
        this.channels = channelSettings.stream()
                .map(c -> c.build(vertx, settings.consoleUrl(), voice, clock))
                .toList();
        this.notifier = new Notifier(vertx.getOrCreateContext(), book, channels, deliveries, voice.words());
        // In this order: the boards' points land before anyone is told.
        ledger.listen(boards);
        ledger.listen(feed);
        ledger.listen(notifier);
        this.alertsApi = new AlertsApi(vertx, registry, ledger, new EvidenceQueries(rows), deliveries, clock);
        this.complaintsApi = new ComplaintsApi(
                vertx,
                registry,
                new ComplaintDesk(rows),
                new RepeatCaseQueries(repeatCases, registry),
                publisher,
                doors.limits(),
                doors.intake(),
                new ComplaintFollowUp(rows, writes, book, clock),
                doors.wrongCodes(),
                doors.authentication(),
                clock);
        this.riverApi = new RiverApi(vertx, registry, new SectionQueries(rows, registry));
        this.deliveriesApi = new DeliveriesApi(vertx, deliveries);
        this.channelsApi = new ChannelsApi(vertx, channels, deliveries, voice, clock);
        this.consoleApi = new ConsoleApi(vertx, registry, book, feed, clock);
    }

    @Override
    public String name() {
        return "duty room";
    }

    @Override
    public void recover() throws Exception {
        int events = ledger.recover();
        LOG.info(
                "duty service recovered {} alert(s) from {} stored event(s)",
                book.read(b -> b.find(AlertFilter.everything()).size()),
                events);
        boards.writeDistrict();
    }

    @Override
    public void mountPublic(Router router) {
        router.route("/api/v1/complaints*").subRouter(complaintsApi.intake());
    }

    @Override
    public void mountStaff(Router router) {
        router.route("/api/v1/alerts*").subRouter(alertsApi.router());
        router.route("/api/v1/repeat-cases*").subRouter(complaintsApi.repeatCases());
        router.route("/api/v1/river/*").subRouter(riverApi.router());
        router.route("/api/v1/deliveries*").subRouter(deliveriesApi.router());
        router.route("/api/v1/channels*").subRouter(channelsApi.router());
        // Routes it does not have fall through to the other capabilities.
        router.route("/api/v1/*").subRouter(consoleApi.router());
    }

    @Override
    public List<Poll> polls() {
        return List.of(
                new Poll("incident poll", Duration.ZERO, settings.pollEvery(), this::pollIncidents),
                new Poll("deadline check", DEADLINE_CHECK, DEADLINE_CHECK, ledger::checkDeadlines));
    }

    /** Looks at the job's incidents now; its outcome says whether the store answers. */
    public CompletableFuture<Integer> pollIncidents() {
        return ledger.pollIncidents()
                .whenComplete((n, e) ->
                        storeProblem = e == null ? null : "InfluxDB did not answer the last poll: " + e.getMessage());
    }

    public CompletableFuture<Integer> checkDeadlines() {
        return ledger.checkDeadlines();
    }

    @Override
    public void health(JsonObject into) {
        into.put("activeAlerts", book.find(AlertFilter.active()).size())
                .put("feedSubscribers", feed.subscribers())
                .put("failedDeliveries", deliveries.latest(true, null).size());
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String store = storeProblem;
        if (store != null) {
            problems.add(store);
        }
        if (publisher != null && !publisher.connected()) {
            problems.add("the broker that takes complaints is not connected (reconnecting)");
        }
        return problems;
    }

    /** The duty room's channels, which also carry the ledger's escalations (the service wires them). */
    public Notifier notifier() {
        return notifier;
    }

    public int channelCount() {
        return channels.size();
    }

    @Override
    public void close() throws Exception {
        // Deliveries under way finish and their outcomes are stored, so the next start sends
        // nothing twice; what does not finish in time is sent again then, as after a crash.
        if (!notifier.awaitIdle(Duration.ofSeconds(10)) || !deliveries.flush(Duration.ofSeconds(10))) {
            LOG.warn("closing with notifications still under way: the next start sends them again");
        }
        ledger.close();
        if (publisher != null) {
            publisher.close();
        }
    }
}
