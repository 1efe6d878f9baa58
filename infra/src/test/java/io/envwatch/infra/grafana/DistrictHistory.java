package io.envwatch.infra.grafana;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.readings.DeadLetter;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.RejectReason;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.SiteKind;
import io.envwatch.district.registry.Town;
import io.envwatch.district.schema.DutyAlertPoint;
import io.envwatch.stream.complaints.ComplaintOutcome;
import io.envwatch.stream.complaints.RepeatCase;
import io.envwatch.stream.noise.LaeqInterval;
import io.envwatch.stream.odour.ConcentrationInterval;
import io.envwatch.stream.river.Attribution;
import io.envwatch.stream.river.StationMonth;
import io.envwatch.stream.storage.InfluxSchema;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Three days of the sample district as the job would have stored them, written with the job's own
 * point code ({@link InfluxSchema}), so the boards are tested against the real schema: readings of
 * every site, LAeq and odour intervals, the river month, complaints and repeat cases in every town,
 * incidents (one per town, one silent sensor) and a dead letter.
 */
final class DistrictHistory {
    static final long DAYS = 3;
    static final long STEP_MS = 15 * 60_000L;

    private final Registry registry;
    private final InfluxSchema schema;
    private final long now;
    private final List<String> lines = new ArrayList<>();

    DistrictHistory(Registry registry, long now) {
        this.registry = registry;
        this.schema = new InfluxSchema(registry);
        this.now = now;
    }

    /** The job's points; {@link #incidents()} are the incidents the duty service turns into alerts. */
    List<String> lines() {
        long from = now - DAYS * 86_400_000L;
        for (long t = from - from % STEP_MS; t <= now; t += STEP_MS) {
            long at = t;
            for (Site s : registry.sites()) {
                double wave = Math.sin(at / 3_600_000.0 + s.lat() * 100);
                if (s.measures(SiteKind.NOISE)) {
                    lines.add(schema.reading(new Reading(s.id(), Quantity.NOISE, 56 + 8 * wave, at, s.gateway())));
                    lines.add(InfluxSchema.laeq(laeq(s, at, 57 + 8 * wave)));
                }
                if (s.measures(SiteKind.ODOUR)) {
                    lines.add(schema.reading(new Reading(s.id(), Quantity.H2S, 0.03 + 0.02 * wave, at, s.gateway())));
                    lines.add(schema.reading(new Reading(s.id(), Quantity.ODOUR, 15 + 5 * wave, at, s.gateway())));
                    lines.add(InfluxSchema.odourInterval(odour(s, Quantity.H2S, at, 0.03 + 0.02 * wave, 0.06)));
                    lines.add(InfluxSchema.odourInterval(odour(s, Quantity.ODOUR, at, 15 + 5 * wave, 20)));
                }
                if (s.measures(SiteKind.WATER)) {
                    lines.add(schema.reading(new Reading(s.id(), Quantity.TP, 0.22 + 0.05 * wave, at, s.gateway())));
                    if (s.riverStation() != null && at % (4 * 3_600_000L) == 0) {
                        lines.add(InfluxSchema.stationMonth(month(s, at)));
                    }
                }
            }
        }
        registry.river().ifPresent(r -> lines.add(InfluxSchema.attribution(attribution(r.assessmentSection()))));
        int n = 0;
        for (Town town : registry.towns()) {
            for (String category : List.of("noise", "odour")) {
                lines.add(schema.complaint(complaint(town.id(), category, n++, ComplaintOutcome.CORROBORATED)));
                lines.add(schema.complaint(complaint(town.id(), category, n++, ComplaintOutcome.NOT_CORROBORATED)));
                lines.add(InfluxSchema.repeatCase(
                        repeatCase(town.id(), category, category.equals("noise") ? "open" : "closed")));
            }
        }
        for (DutyAlertPoint a : incidents()) {
            lines.add(a.toLine());
        }
        lines.add(InfluxSchema.deadLetter(new DeadLetter(
                RejectReason.UNKNOWN_SENSOR,
                "no site XX-N99 in the registry",
                "envwatch/v1/readings/gw-x",
                "gw-x",
                "XX-N99",
                0,
                "{\"sensor\":\"XX-N99\"}",
                now - 120_000)));
        return lines;
    }

    /** An open noise incident in every town (opened 20 minutes ago), and a silent sensor. */
    List<DutyAlertPoint> incidents() {
        List<DutyAlertPoint> out = new ArrayList<>();
        for (Town town : registry.towns()) {
            Site site = registry.sites().stream()
                    .filter(s -> s.town().equals(town.id()) && s.measures(SiteKind.NOISE))
                    .findFirst()
                    .orElseThrow();
            out.add(alert(site, "noise-laeq-1m", "noise", 68.5, 55, now - 20 * 60_000L));
        }
        Site quiet = registry.sites().stream()
                .filter(s -> s.measures(SiteKind.ODOUR))
                .findFirst()
                .orElseThrow();
        out.add(alert(quiet, "no-data", "", 25, 15, now - 25 * 60_000L));
        return out;
    }

    private static DutyAlertPoint alert(
            Site site, String kind, String quantity, double peak, double limit, long opened) {
        return new DutyAlertPoint(
                site.id(),
                kind,
                site.town(),
                site.team(),
                site.id() + ":" + kind + ":" + opened,
                DutyAlertPoint.OPEN,
                quantity,
                peak,
                peak,
                limit,
                "night",
                opened + 60_000,
                "HIGH",
                List.of(),
                List.of(),
                opened);
    }

    private LaeqInterval laeq(Site s, long at, double value) {
        LaeqInterval i = new LaeqInterval();
        i.site = s.id();
        i.town = s.town();
        i.interval = "PT1M";
        i.start = at;
        i.end = at + 60_000;
        i.laeq = value;
        i.lmax = value + 6;
        i.count = 60;
        boolean night = registry.localTime().isNight(at);
        i.limit = registry.limits().noise(s, night);
        i.period = night ? "night" : "day";
        return i;
    }

    private static ConcentrationInterval odour(Site s, Quantity q, long at, double mean, double limit) {
        ConcentrationInterval i = new ConcentrationInterval();
        i.site = s.id();
        i.town = s.town();
        i.quantity = q.wireName();
        i.unit = q.unit();
        i.start = at;
        i.end = at + 600_000;
        i.mean = mean;
        i.max = mean * 1.4;
        i.count = 10;
        i.limit = limit;
        return i;
    }

    private static StationMonth month(Site s, long at) {
        StationMonth m = new StationMonth();
        m.site = s.id();
        m.station = s.riverStation();
        m.month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        m.timestamp = at;
        m.samples = 40;
        m.mean = 0.24;
        m.waterClass = "IV";
        m.targetClass = "IV";
        m.limit = 0.3;
        m.margin = 0.06;
        m.expectedSoFar = 42;
        m.missing = 2;
        m.expectedRemaining = 60;
        m.budget = 0.34;
        m.budgetState = "ok";
        return m;
    }

    private Attribution attribution(String section) {
        Attribution a = new Attribution();
        a.section = section;
        a.timestamp = now - 3_600_000L;
        a.sectionValue = 0.41;
        a.baseline = 0.2;
        a.rise = 0.21;
        a.leading = "ST-TANGXIA";
        a.ranking = new ArrayList<>(List.of("ST-TANGXIA:0.3:0.9:450", "ST-CHANGPING:0.02:0.1:120"));
        a.suspects = new ArrayList<>(List.of("林村表面处理厂 (金属表面处理) @1812 m"));
        return a;
    }

    private ComplaintOutcome complaint(String town, String category, int n, String outcome) {
        Complaint c = new Complaint();
        c.id = "C-" + town + "-" + n;
        c.category = category;
        c.town = town;
        c.channel = "app";
        c.observedAt = now - 60_000L - n * 1_000L;
        c.receivedAt = c.observedAt + 30_000;
        c.lat = 22.8;
        c.lon = 114.1;
        c.description = "Banging at night";
        ComplaintOutcome o = new ComplaintOutcome();
        o.complaint = c;
        o.outcome = outcome;
        o.reason = outcome.equals(ComplaintOutcome.CORROBORATED)
                ? "noise over its limit within 500 m"
                : "no sensor over its limit";
        return o;
    }

    private RepeatCase repeatCase(String town, String category, String state) {
        RepeatCase c = new RepeatCase();
        c.id = "RC-" + town + "-" + category;
        c.state = state;
        c.place = "cell:" + town + "-" + category;
        c.category = category;
        c.town = town;
        c.first = now - 90_000L;
        c.last = now - 60_000L;
        c.count = 3;
        c.corroborated = 2;
        c.complaints = new ArrayList<>(List.of("C-1", "C-2", "C-3"));
        return c;
    }
}
