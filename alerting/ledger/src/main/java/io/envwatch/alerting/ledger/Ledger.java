package io.envwatch.alerting.ledger;

import io.envwatch.alerting.campaigns.Campaigns;
import io.envwatch.alerting.campaigns.CampaignsApi;
import io.envwatch.alerting.capability.Capability;
import io.envwatch.alerting.cases.CaseBook;
import io.envwatch.alerting.cases.CaseEventStore;
import io.envwatch.alerting.cases.CaseEvidenceQueries;
import io.envwatch.alerting.cases.CaseLedger;
import io.envwatch.alerting.cases.CaseSettings;
import io.envwatch.alerting.cases.CasesApi;
import io.envwatch.alerting.patrols.PatrolSettings;
import io.envwatch.alerting.patrols.Patrols;
import io.envwatch.alerting.patrols.PatrolsApi;
import io.envwatch.alerting.patrols.Round;
import io.envwatch.alerting.places.Assessment;
import io.envwatch.alerting.places.VillageFigures;
import io.envwatch.alerting.places.VillagesApi;
import io.envwatch.alerting.ratings.Ratings;
import io.envwatch.alerting.ratings.RatingsApi;
import io.envwatch.alerting.reception.ReceptionApi;
import io.envwatch.alerting.reception.ReceptionDays;
import io.envwatch.alerting.reception.ReceptionSettings;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.alerting.store.RepeatCases;
import io.envwatch.alerting.supervision.Supervision;
import io.envwatch.alerting.supervision.SupervisionApi;
import io.envwatch.alerting.supervision.SupervisionSettings;
import io.envwatch.alerting.tips.TipBook;
import io.envwatch.alerting.tips.TipEventStore;
import io.envwatch.alerting.tips.TipLedger;
import io.envwatch.alerting.tips.TipSettings;
import io.envwatch.alerting.tips.TipsApi;
import io.envwatch.alerting.web.Answers;
import io.envwatch.alerting.web.PublicDoors;
import io.envwatch.district.language.Voice;
import io.envwatch.district.registry.Building;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.schema.InfluxQlRows;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bureau's ledger as one capability of the duty service: cases a leader owns until closed out,
 * rewarded anonymous tips, campaigns with targets, the enterprises' monthly ratings, the
 * leaders' reception days, the villages' figures and supervision, and the grids' patrols.
 */
public final class Ledger implements Capability {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

    private final Vertx vertx;
    private final CaseSettings caseSettings;
    private final CaseLedger cases;
    private final TipLedger tips;
    private final Campaigns campaigns;
    private final Ratings ratings;
    private final CasesApi casesApi;
    private final TipsApi tipsApi;
    private final CampaignsApi campaignsApi;
    private final RatingsApi ratingsApi;
    private final ReceptionDays reception;
    private final ReceptionApi receptionApi;
    private final VillagesApi villagesApi;
    private final Supervision supervision;
    private final SupervisionApi supervisionApi;
    private final Patrols patrols;
    private final PatrolsApi patrolsApi;
    private final List<Consumer<Round>> missedRoundListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReceptionDays.Day>> missedDayListeners = new CopyOnWriteArrayList<>();

    /** @param tipSettings null when no tips are configured: the tip routes then answer 503 */
    public Ledger(
            Vertx vertx,
            Registry registry,
            CaseSettings caseSettings,
            TipSettings tipSettings,
            ReceptionSettings receptionSettings,
            SupervisionSettings supervisionSettings,
            PatrolSettings patrolSettings,
            InfluxQlRows rows,
            InfluxWrites writes,
            RepeatCases repeatCases,
            PublicDoors doors,
            Clock clock) {
        this.vertx = vertx;
        this.caseSettings = caseSettings;
        this.cases = new CaseLedger(
                new CaseBook(
                        caseSettings,
                        new Voice(registry.language(), registry.localTime().zoneId()),
                        place -> registry.building(place)
                                .map(Building::name)
                                .or(() -> registry.site(place).map(Site::name))
                                .orElse(place)),
                new CaseEventStore(rows, writes),
                new CaseEvidenceQueries(rows, registry),
                repeatCases,
                writes,
                clock,
                registry.rules().complaints().repeatCaseReach());
        this.tips = tipSettings == null
                ? null
                : new TipLedger(
                        new TipBook(tipSettings),
                        new TipEventStore(rows, writes),
                        writes,
                        clock,
                        registry.localTime().zoneId());
        this.campaigns = new Campaigns(rows, writes, clock);
        if (tips != null) {
            tips.book().rewardMultiplier(campaigns::tipMultiplier);
        }
        this.ratings = new Ratings(rows, writes, repeatCases, registry, cases.book(), clock);
        this.casesApi = new CasesApi(vertx, registry, cases, clock);
        this.tipsApi = tips == null
                ? null
                : new TipsApi(vertx, registry, tips, doors.limits(), doors.intake(), doors.wrongCodes(), clock);
        this.campaignsApi = new CampaignsApi(vertx, registry, campaigns, clock);
        this.ratingsApi =
                new RatingsApi(vertx, ratings, clock, registry.localTime().zoneId());
        this.reception = new ReceptionDays(
                receptionSettings, rows, writes, clock, registry.localTime().zoneId());
        this.receptionApi = new ReceptionApi(vertx, reception);
        this.supervision = new Supervision(supervisionSettings, registry, rows, writes, cases.book(), clock);
        this.supervisionApi = new SupervisionApi(vertx, supervision);
        this.patrols = new Patrols(
                patrolSettings,
                registry,
                rows,
                writes,
                clock,
                registry.localTime().zoneId());
        this.patrolsApi = new PatrolsApi(vertx, patrols);
        cases.readPatrolFindingsWith(id -> patrols.finding(id)
                .map(f -> new CaseBook.PatrolFinding(f.id(), f.town(), f.category(), f.text(), f.epochMillis())));
        VillageFigures villageFigures = new VillageFigures(registry, rows, cases.book());
        this.villagesApi = new VillagesApi(
                vertx,
                villageFigures,
                new Assessment(villageFigures, supervision, registry.localTime().zoneId()),
                clock,
                registry.localTime().zoneId());
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public void recover() throws Exception {
        int caseEvents = cases.recover();
        LOG.info(
                "duty service recovered {} ledger case(s) from {} stored event(s)",
                cases.book().find(c -> true).size(),
                caseEvents);
        if (tips != null) {
            int tipEvents = tips.recover();
            LOG.info(
                    "duty service recovered {} tip(s) from {} stored event(s)",
                    tips.book().find(t -> true).size(),
                    tipEvents);
        }
        LOG.info("duty service recovered {} campaign(s)", campaigns.recover());
        LOG.info("duty service recovered {} reception day(s) held", reception.recover());
        LOG.info("duty service recovered {} supervision step(s)", supervision.recover());
        LOG.info(
                "duty service recovered {} patrol check-in(s) of the last two days ({} grid(s), photos in {})",
                patrols.recover(),
                patrols.settings().grids().size(),
                patrols.photos().directory().toAbsolutePath());
    }

    @Override
    public void mountPublic(Router router) {
        if (tipsApi != null) {
            router.route("/api/v1/tips*").subRouter(tipsApi.publicRouter());
        } else {
            router.route("/api/v1/tips*").handler(ctx -> Answers.error(ctx, 503, "error.tips-not-configured"));
        }
    }

    @Override
    public void mountStaff(Router router) {
        router.route("/api/v1/cases*").subRouter(casesApi.router());
        router.route("/api/v1/campaigns*").subRouter(campaignsApi.router());
        router.route("/api/v1/ratings*").subRouter(ratingsApi.router());
        router.route("/api/v1/reception*").subRouter(receptionApi.router());
        router.route("/api/v1/villages*").subRouter(villagesApi.router());
        router.route("/api/v1/supervision*").subRouter(supervisionApi.router());
        router.route("/api/v1/patrols*").subRouter(patrolsApi.router());
        if (tipsApi != null) {
            router.route("/api/v1/tips*").subRouter(tipsApi.staffRouter());
        }
    }

    @Override
    public List<Poll> polls() {
        return List.of(new Poll("case poll", caseSettings.pollEvery(), caseSettings.pollEvery(), this::poll));
    }

    /** Campaign progress and due ratings on workers, then the case poll (its outcome is the poll's). */
    private CompletableFuture<Integer> poll() {
        vertx.executeBlocking(campaigns::refresh)
                .onFailure(e -> LOG.warn("campaign progress not refreshed: {}", e.getMessage()));
        vertx.executeBlocking(ratings::computeLastMonthIfDue)
                .onFailure(e -> LOG.warn("monthly ratings not computed: {}", e.getMessage()));
        vertx.executeBlocking(supervision::evaluateDue)
                .onSuccess(changed -> {
                    if (changed > 0) {
                        LOG.info("special supervision: {} village(s) entered or released", changed);
                    }
                })
                .onFailure(e -> LOG.warn("special supervision not checked: {}", e.getMessage()));
        judgePatrols();
        checkReceptionDays();
        return cases.poll();
    }

    /** Hands the reception days missed in the last two days to the listeners, which tell each once. */
    public io.vertx.core.Future<List<ReceptionDays.Day>> checkReceptionDays() {
        return vertx.executeBlocking(() -> reception.missedWithin(2))
                .onSuccess(missed -> missed.forEach(day -> missedDayListeners.forEach(l -> l.accept(day))))
                .onFailure(e -> LOG.warn("reception days not checked: {}", e.getMessage()));
    }

    /** Told, at every poll, of each reception day missed in the last two days: the listener tells each once. */
    public void onMissedReceptionDay(Consumer<ReceptionDays.Day> listener) {
        missedDayListeners.add(listener);
    }

    /** Judges the rounds whose time ran out; each newly missed one goes to the listeners (the town's duty room). */
    public io.vertx.core.Future<List<Round>> judgePatrols() {
        return vertx.executeBlocking(patrols::judge)
                .onSuccess(missed -> missed.forEach(round -> {
                    LOG.warn(
                            "patrol round of grid {} ({}) due {} missed: {} of {} point(s) unvisited",
                            round.grid().id(),
                            round.grid().town(),
                            round.dueAt(),
                            round.unvisited().size(),
                            round.grid().points().size());
                    missedRoundListeners.forEach(l -> l.accept(round));
                }))
                .onFailure(e -> LOG.warn("patrol rounds not judged: {}", e.getMessage()));
    }

    /** Told of each round newly missed, on a worker: the service sends it to the town's duty room. */
    public void onMissedRound(Consumer<Round> listener) {
        missedRoundListeners.add(listener);
    }

    public Patrols patrols() {
        return patrols;
    }

    /**
     * Checks the month just ended for special supervision (once a month), then proposes cases from
     * repeat cases, reopens and escalates, now rather than at the next poll.
     */
    public CompletableFuture<Integer> pollCases() {
        return vertx.executeBlocking(supervision::evaluateDue)
                .toCompletionStage()
                .toCompletableFuture()
                .thenCompose(entered -> cases.poll());
    }

    /** The cases, whose escalations the service sends through the duty room's channels. */
    public CaseLedger cases() {
        return cases;
    }

    @Override
    public void close() throws Exception {
        cases.close();
        if (tips != null) {
            tips.close();
        }
    }
}
