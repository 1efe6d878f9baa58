package io.envwatch.stream.storage;

import io.envwatch.district.readings.DeadLetter;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.Village;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.DeadLetterPoint;
import io.envwatch.district.schema.DutyAlertPoint;
import io.envwatch.district.schema.IncidentPoint;
import io.envwatch.district.schema.LateReadingPoint;
import io.envwatch.district.schema.NoiseLaeqPoint;
import io.envwatch.district.schema.OdourIntervalPoint;
import io.envwatch.district.schema.ReadingPoint;
import io.envwatch.district.schema.RepeatCasePoint;
import io.envwatch.district.schema.TpAttributionPoint;
import io.envwatch.district.schema.TpClassPoint;
import io.envwatch.district.schema.TpDayPoint;
import io.envwatch.district.schema.TpMeanPoint;
import io.envwatch.district.schema.TpMonthPoint;
import io.envwatch.stream.complaints.ComplaintOutcome;
import io.envwatch.stream.complaints.RepeatCase;
import io.envwatch.stream.incidents.Incident;
import io.envwatch.stream.late.LateReadings;
import io.envwatch.stream.noise.LaeqInterval;
import io.envwatch.stream.odour.ConcentrationInterval;
import io.envwatch.stream.river.Attribution;
import io.envwatch.stream.river.PhosphorusMean;
import io.envwatch.stream.river.PhosphorusReading;
import io.envwatch.stream.river.StationDay;
import io.envwatch.stream.river.StationMonth;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The job's records as the district schema's points (district/.../schema, docs/schema.md): the
 * schema owns every measurement, tag and field; this only says which of the job's values goes
 * where. Timestamps are deterministic, so a replayed record overwrites its point.
 */
public final class InfluxSchema implements Serializable {
    private final Registry registry;

    public InfluxSchema(Registry registry) {
        this.registry = registry;
    }

    public String reading(Reading r) {
        Site site = registry.site(r.site).orElseThrow(() -> new IllegalStateException("unvalidated site " + r.site));
        String kind =
                Quantity.fromWire(r.quantity).map(q -> q.kind().wireName()).orElse("unknown");
        return new ReadingPoint(r.site, r.quantity, kind, site.town(), r.flag, r.value, r.timestamp).toLine();
    }

    public static String deadLetter(DeadLetter d) {
        return new DeadLetterPoint(d.reason, d.gateway, d.detail, d.topic, d.sensor, d.index, d.raw, d.receivedAt)
                .toLine();
    }

    /**
     * The incident as the duty service reads it: one point per incident at its start, so every
     * update overwrites it. The one place the job's names (rule, latest, end) become the duty
     * alert's (kind, value, updated_at), and the incident's three states the alert's two.
     */
    public static String dutyAlert(Incident i) {
        return new DutyAlertPoint(
                        i.site,
                        i.rule,
                        i.town,
                        i.team,
                        i.id,
                        Incident.OPEN.equals(i.state) ? DutyAlertPoint.OPEN : DutyAlertPoint.CLEARED,
                        i.quantity,
                        i.latest,
                        i.peak,
                        i.limit,
                        i.period,
                        i.end,
                        i.severity,
                        i.buildings,
                        i.complaints,
                        i.start)
                .toLine();
    }

    public static String laeq(LaeqInterval i) {
        return new NoiseLaeqPoint(
                        i.site, i.town, i.interval, i.laeq, i.lmax, i.limit, i.margin(), i.count, i.period, i.start)
                .toLine();
    }

    public static String odourInterval(ConcentrationInterval i) {
        return new OdourIntervalPoint(i.site, i.town, i.quantity, i.mean, i.max, i.limit, i.count, i.start).toLine();
    }

    public static String phosphorusMean(PhosphorusMean m) {
        return new TpMeanPoint(
                        m.site, m.station, m.town, m.mean, m.count, m.waterClass, m.targetClass, m.limit, m.start)
                .toLine();
    }

    public static String phosphorusClass(PhosphorusReading p) {
        return new TpClassPoint(p.site, p.station, p.value, p.waterClass, p.timestamp).toLine();
    }

    /**
     * No personal data: the contact never reaches the job. The industry is that of the first site
     * (by id) whose exceedance corroborated it, so campaigns and reviews can count by industry.
     */
    public String complaint(ComplaintOutcome o) {
        var c = o.complaint;
        List<String> sites = o.exceededIntervals().stream()
                .map(e -> e.source().site())
                .distinct()
                .sorted()
                .toList();
        String industry = sites.stream()
                .map(registry::site)
                .flatMap(Optional::stream)
                .map(Site::industry)
                .filter(i -> i != null && !i.isBlank())
                .findFirst()
                .orElse(null);
        return new ComplaintPoint(
                        c.category,
                        c.town,
                        c.channel,
                        industry,
                        c.escalated,
                        c.id,
                        c.lat,
                        c.lon,
                        c.building,
                        c.externalRef,
                        c.description,
                        c.receivedAt,
                        o.outcome,
                        ComplaintOutcome.CORROBORATED.equals(o.outcome),
                        o.reason,
                        o.evidence,
                        sites,
                        village(c).orElse(null),
                        c.observedAt)
                .toLine();
    }

    /** Where a complaint was made: the building it names, else its location in its town. */
    private Optional<String> village(io.envwatch.district.complaints.Complaint c) {
        Optional<Village> named =
                c.building == null || c.building.isBlank() ? Optional.empty() : registry.villageOf(c.building);
        return named.or(() -> registry.villageAt(c.town, c.lat, c.lon)).map(Village::id);
    }

    public static String repeatCase(RepeatCase c) {
        return new RepeatCasePoint(
                        c.place,
                        c.category,
                        c.town,
                        c.id,
                        c.state,
                        c.count,
                        c.corroborated,
                        c.last,
                        c.complaints,
                        c.incidents,
                        c.first,
                        c.mergedInto)
                .toLine();
    }

    public static String stationMonth(StationMonth m) {
        return new TpMonthPoint(
                        m.site,
                        m.station,
                        m.month,
                        m.samples,
                        m.mean,
                        m.waterClass,
                        m.targetClass,
                        m.limit,
                        m.margin,
                        m.expectedSoFar,
                        m.missing,
                        m.expectedRemaining,
                        m.budget,
                        m.budgetState,
                        m.insufficient,
                        m.closed,
                        m.timestamp)
                .toLine();
    }

    public static String stationDay(StationDay d) {
        return new TpDayPoint(d.site, d.station, d.mean, d.samples, d.waterClass, d.limit, d.day).toLine();
    }

    public static String attribution(Attribution a) {
        return new TpAttributionPoint(
                        a.section, a.leading, a.sectionValue, a.baseline, a.rise, a.ranking, a.suspects, a.timestamp)
                .toLine();
    }

    public String incident(Incident i) {
        return new IncidentPoint(
                        i.site,
                        i.town,
                        i.team,
                        i.rule,
                        i.id,
                        i.state,
                        i.quantity,
                        i.unit,
                        i.end,
                        i.peak,
                        i.latest,
                        i.limit,
                        i.period,
                        i.severity,
                        i.buildings,
                        i.nearestBuildingMetres,
                        i.evidence,
                        i.complaints,
                        registry.villageOf(i.site).map(Village::id).orElse(null),
                        i.start)
                .toLine();
    }

    public static String lateReading(LateReadings.LateReading late) {
        return new LateReadingPoint(
                        late.reading.site, late.reading.quantity, late.rule, late.reading.value, late.reading.timestamp)
                .toLine();
    }
}
