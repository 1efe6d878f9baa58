package io.envwatch.alerting.campaigns;

import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.schema.CampaignPoint;
import io.envwatch.district.schema.CampaignProgressPoint;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Row;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Time-boxed campaigns with targets ("complaints down 30 % on last year, escalated complaints down
 * 25 %"): defined by the duty leader, measured from the complaints the job stored, each town's
 * current count beside the baseline's over the same share of its period (so a campaign half-way
 * through is compared with half its baseline). Blocking (InfluxQL): call it from a worker.
 */
public final class Campaigns {
    public static final String COMPLAINTS = "complaints";
    public static final String ESCALATED = "escalated";

    private final InfluxQlRows reads;
    private final InfluxWrites writes;
    private final Clock clock;
    private final List<CampaignPoint> campaigns = new CopyOnWriteArrayList<>();

    public Campaigns(InfluxQlRows reads, InfluxWrites writes, Clock clock) {
        this.reads = reads;
        this.writes = writes;
        this.clock = clock;
    }

    public int recover() {
        reads.rows(InfluxQl.selectAll(CampaignPoint.MEASUREMENT) + " ORDER BY time ASC").stream()
                .map(CampaignPoint::fromRow)
                .forEach(campaigns::add);
        return campaigns.size();
    }

    public synchronized CampaignPoint define(CampaignPoint campaign) {
        if (get(campaign.campaign()).isPresent()) {
            throw new IllegalArgumentException("campaign " + campaign.campaign() + " exists");
        }
        writes.write(campaign.toLine());
        campaigns.add(campaign);
        return campaign;
    }

    /** An id no campaign has: {@code CAMP-} and the time, with a suffix when two share a millisecond. */
    public synchronized String newId(long now) {
        String base = "CAMP-" + Long.toString(now, 36).toUpperCase(Locale.ROOT);
        String id = base;
        for (int n = 2; get(id).isPresent(); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    public List<CampaignPoint> all() {
        return List.copyOf(campaigns);
    }

    public Optional<CampaignPoint> get(String id) {
        return campaigns.stream().filter(c -> c.campaign().equals(id)).findFirst();
    }

    /** The reward multiplier of the campaigns whose scope holds a tip of this town received at this time (1 if none). */
    public double tipMultiplier(String town, long receivedAt) {
        return campaigns.stream()
                .filter(c -> c.towns().contains(town) && receivedAt >= c.start() && receivedAt < c.end())
                .mapToDouble(CampaignPoint::tipMultiplier)
                .max()
                .orElse(1.0);
    }

    /** Recomputes (and writes for the boards) the progress of every campaign running now or ended within a day. */
    public int refresh() {
        long now = clock.millis();
        int refreshed = 0;
        for (CampaignPoint c : campaigns) {
            if (c.start() <= now && now < c.end() + 86_400_000L) {
                progress(c);
                refreshed++;
            }
        }
        return refreshed;
    }

    /** One town's figures against one target. */
    public record Progress(
            String town,
            String target,
            long baseline,
            long current,
            Double changePercent,
            double goalPercent,
            boolean met) {}

    /** Every town's progress against both targets, as of now; also written for the boards. */
    public List<Progress> progress(CampaignPoint c) {
        long now = clock.millis();
        long elapsed = Math.max(0, Math.min(now, c.end()) - c.start());
        long baselineTo = baselineUpTo(c, now);
        List<Progress> out = new ArrayList<>();
        for (String target : List.of(COMPLAINTS, ESCALATED)) {
            boolean escalatedOnly = target.equals(ESCALATED);
            Map<String, Long> baseline = counts(c, c.baselineStart(), baselineTo, escalatedOnly);
            Map<String, Long> current = counts(c, c.start(), c.start() + elapsed, escalatedOnly);
            double goal = escalatedOnly ? c.escalatedTarget() : c.complaintsTarget();
            for (String town : c.towns()) {
                long b = baseline.getOrDefault(town, 0L);
                long n = current.getOrDefault(town, 0L);
                Progress p = progress(town, target, b, n, goal);
                Double change = p.changePercent();
                out.add(p);
                writes.write(new CampaignProgressPoint(
                                c.campaign(),
                                town,
                                target,
                                b,
                                n,
                                change == null ? Double.NaN : change,
                                goal,
                                p.met(),
                                c.start() * 1_000_000L)
                        .toLine());
            }
        }
        return out;
    }

    /**
     * How far into the baseline period the comparison runs: as far, in share of its length, as the
     * campaign has run into its own, so that a campaign a week old is compared with the baseline's
     * first week and not with the whole of it.
     */
    static long baselineUpTo(CampaignPoint c, long now) {
        long elapsed = Math.max(0, Math.min(now, c.end()) - c.start());
        double share = (double) elapsed / (c.end() - c.start());
        return c.baselineStart() + Math.round(share * (c.baselineEnd() - c.baselineStart()));
    }

    /**
     * One town's figures against one target, a change in percent (the goal is negative: -30 means
     * 30 % fewer). Without a baseline there is nothing to compare with: no change, and not met.
     */
    static Progress progress(String town, String target, long baseline, long current, double goal) {
        Double change = baseline == 0 ? null : (current - baseline) * 100.0 / baseline;
        return new Progress(town, target, baseline, current, change, goal, change != null && change <= goal);
    }

    private Map<String, Long> counts(CampaignPoint c, long from, long to, boolean escalatedOnly) {
        Map<String, Long> byTown = new TreeMap<>();
        if (to <= from) {
            return byTown;
        }
        StringBuilder q = new StringBuilder("SELECT count(" + ComplaintPoint.ID.quoted() + ") AS "
                + ComplaintPoint.ID.quoted() + " FROM " + ComplaintPoint.MEASUREMENT.quoted() + " WHERE time >= "
                + InfluxQl.literal(Instant.ofEpochMilli(from)) + " AND time < "
                + InfluxQl.literal(Instant.ofEpochMilli(to))
                + " AND " + InfluxQl.anyOf(ComplaintPoint.TOWN, c.towns())
                + " AND " + InfluxQl.anyOf(ComplaintPoint.CATEGORY, c.categories()));
        if (!c.industries().isEmpty()) {
            q.append(" AND ").append(InfluxQl.anyOf(ComplaintPoint.INDUSTRY, c.industries()));
        }
        if (escalatedOnly) {
            q.append(" AND ").append(ComplaintPoint.ESCALATED.quoted()).append(" = 1");
        }
        q.append(" GROUP BY ").append(ComplaintPoint.TOWN.quoted());
        for (Row row : reads.rows(q.toString())) {
            byTown.merge(row.text(ComplaintPoint.TOWN), row.integer(ComplaintPoint.ID, 0), Long::sum);
        }
        return byTown;
    }
}
