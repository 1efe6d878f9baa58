package io.envwatch.stream.river;

import io.envwatch.district.limits.RuleSettings;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RiverStation;
import io.envwatch.district.registry.Site;
import io.envwatch.district.rules.RuleId;
import io.envwatch.stream.incidents.Judgement;
import io.envwatch.stream.readings.TimeOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * A river station's month as the assessment sees it, keyed by station: month-to-date and daily
 * arithmetic means in local time, missing samples, and the remaining budget, with three verdicts
 * for the incident tracker: a sudden spike, a daily mean worse than the target, and a budget
 * falling under the alert level: the station's mean today times the configured ratio, that is,
 * the month would fail, or keep too little headroom, if the rest of it went on like today. (Against
 * a fixed level the alert would fire at every month's start, when few samples leave a budget near
 * the limit itself.) State is one month and one day of sums, reset by event-time
 * timers at the local day's and month's end, and the samples event time has not reached yet.
 */
public class MonthlyAssessment extends KeyedProcessFunction<String, Reading, StationMonth> {
    public static final OutputTag<Judgement> VERDICTS = new OutputTag<>("river-verdicts") {};
    public static final OutputTag<StationDay> DAYS = new OutputTag<>("river-days") {};
    public static final String SPIKE = RuleId.TP_SPIKE.wireName();
    public static final String DAILY = RuleId.TP_DAILY.wireName();
    public static final String BUDGET = RuleId.TP_BUDGET.wireName();
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
    private static final long DAY_MILLIS = 86_400_000L;

    private final Registry registry;
    private transient ValueState<Sums> month;
    private transient ValueState<Sums> day;
    private transient ValueState<Double> previous;
    /** Samples event time has not reached yet. */
    private transient TimeOrder pending;

    /** Running sums of one period. A Flink POJO. */
    public static class Sums {
        public long start;
        public long end;
        public double sum;
        public long count;

        public Sums() {}
    }

    public MonthlyAssessment(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void open(OpenContext context) {
        month = getRuntimeContext().getState(new ValueStateDescriptor<>("month", Sums.class));
        day = getRuntimeContext().getState(new ValueStateDescriptor<>("day", Sums.class));
        previous = getRuntimeContext().getState(new ValueStateDescriptor<>("previous", Double.class));
        pending = new TimeOrder(getRuntimeContext(), "pending-samples");
    }

    private ZoneId zone() {
        return registry.localTime().zoneId();
    }

    /**
     * Samples wait for event time to pass them and are then taken in time order, so the month's
     * running figures (samples so far, the budget) are those of time order however the samples
     * arrived: interleaved by two readers, or in a gateway's unsorted batch. A sample arriving
     * behind event time is late and taken at once.
     */
    @Override
    public void processElement(Reading reading, Context ctx, Collector<StationMonth> out) throws Exception {
        if (!Quantity.TP.wireName().equals(reading.quantity)) {
            return;
        }
        if (!pending.hold(reading.timestamp, reading.value, ctx.timerService())) {
            assess(ctx.getCurrentKey(), reading.timestamp, reading.value, ctx, out);
        }
    }

    /** One sample of the station, in time order. */
    private void assess(String siteId, long timestamp, double value, Context ctx, Collector<StationMonth> out)
            throws Exception {
        Site site = registry.site(siteId).orElseThrow();
        RiverStation station = registry.station(site.riverStation()).orElseThrow();
        double limit = registry.limits().phosphorusLimit(site, station);
        RuleSettings.River settings = registry.rules().river();

        Sums m = month.value();
        if (m != null && timestamp >= m.end) {
            out.collect(status(site, station, m, m.end, true, Double.NaN)); // the timer has not fired yet: close now
            m = null;
        }
        if (m != null && timestamp < m.start) {
            return; // a sample of a month already closed: it no longer changes the assessment
        }
        if (m == null) {
            m = period(timestamp, true);
            ctx.timerService().registerEventTimeTimer(m.end);
        }
        m.sum += value;
        m.count++;
        month.update(m);

        Sums d = day.value();
        if (d != null && timestamp >= d.end) {
            closeDay(site, station, d, ctx);
            d = null;
        }
        if (d == null) {
            d = period(timestamp, false);
            ctx.timerService().registerEventTimeTimer(d.end);
        }
        if (timestamp >= d.start) {
            d.sum += value;
            d.count++;
            day.update(d);
        }

        Double before = previous.value();
        boolean spike = before != null && value > settings.spikeRatio() * before && value > limit;
        Judgement spikeVerdict = Judgement.builder(site.id(), SPIKE)
                .quantity(Quantity.TP)
                .at(timestamp)
                .value(value)
                .limit(limit, limit * (1 - registry.rules().phosphorus().hysteresisFraction()))
                .persistence(
                        1, 0, registry.rules().phosphorus().clearAfterDuration().toMillis())
                .build();
        spikeVerdict.exceeded = spike;
        ctx.output(VERDICTS, spikeVerdict);
        previous.update(value);

        double today = d.count == 0 ? value : d.sum / d.count;
        StationMonth status = status(site, station, m, timestamp, false, today);
        out.collect(status);
        if (!Double.isNaN(status.budget)) {
            // Judged as the shortfall of the budget under the alert level (mg/L): above zero is an
            // exceedance, and the incident's peak is the worst shortfall.
            double level = settings.budgetAlertRatio() * today;
            ctx.output(
                    VERDICTS,
                    Judgement.builder(site.id(), BUDGET)
                            .quantity(Quantity.TP)
                            .at(timestamp)
                            .value(round(level - status.budget))
                            .limit(0, -limit * settings.budgetHysteresis())
                            .build());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<StationMonth> out) throws Exception {
        Site site = registry.site(ctx.getCurrentKey()).orElseThrow();
        RiverStation station = registry.station(site.riverStation()).orElseThrow();
        Sums d = day.value();
        if (d != null && d.end == timestamp) {
            closeDay(site, station, d, ctx);
        }
        Sums m = month.value();
        if (m != null && m.end == timestamp) {
            out.collect(status(site, station, m, m.end, true, Double.NaN));
            month.clear();
        }
        // After the periods that end here: a sample stamped on a boundary belongs to the next.
        for (double value : pending.release(timestamp)) {
            assess(ctx.getCurrentKey(), timestamp, value, ctx, out);
        }
        if (month.value() == null && day.value() == null) {
            previous.clear();
        }
    }

    private void closeDay(Site site, RiverStation station, Sums d, Context ctx) {
        double limit = registry.limits().phosphorusLimit(site, station);
        StationDay result = new StationDay();
        result.site = site.id();
        result.station = station.id();
        result.day = d.start;
        result.samples = d.count;
        result.mean = round(d.sum / d.count);
        result.waterClass = registry.limits()
                .classifyPhosphorus(result.mean, station.isLake())
                .wireName();
        result.limit = limit;
        ctx.output(DAYS, result);
        ctx.output(
                VERDICTS,
                Judgement.builder(site.id(), DAILY)
                        .quantity(Quantity.TP)
                        .interval(d.start, d.end)
                        .value(result.mean)
                        .limit(limit, limit * (1 - registry.rules().phosphorus().hysteresisFraction()))
                        .build());
        day.clear();
    }

    /** The local month or day that contains the instant. */
    private Sums period(long timestamp, boolean wholeMonth) {
        ZonedDateTime local = Instant.ofEpochMilli(timestamp).atZone(zone());
        LocalDate first = wholeMonth ? local.toLocalDate().withDayOfMonth(1) : local.toLocalDate();
        LocalDate next = wholeMonth ? first.plusMonths(1) : first.plusDays(1);
        Sums sums = new Sums();
        sums.start = first.atStartOfDay(zone()).toInstant().toEpochMilli();
        sums.end = next.atStartOfDay(zone()).toInstant().toEpochMilli();
        return sums;
    }

    /**
     * @param today the station's mean so far today: the budget is low when the rest of the month,
     *     continuing like today, would leave less than the configured headroom (or fail)
     */
    private StationMonth status(Site site, RiverStation station, Sums m, long now, boolean closed, double today) {
        RuleSettings.River settings = registry.rules().river();
        double limit = registry.limits().phosphorusLimit(site, station);
        StationMonth s = new StationMonth();
        s.site = site.id();
        s.station = station.id();
        s.month = Instant.ofEpochMilli(m.start).atZone(zone()).format(MONTH);
        s.timestamp = now;
        s.samples = m.count;
        s.mean = round(m.sum / m.count);
        s.waterClass =
                registry.limits().classifyPhosphorus(s.mean, station.isLake()).wireName();
        s.targetClass = station.targetClass().wireName();
        s.limit = limit;
        s.margin = round(limit - s.mean);
        // The month is cut into sampling slots from local midnight of the 1st (docs/rules.md): a slot
        // is expected once it has begun (stamped at its start) or ended (stamped at its end), so
        // expected so far + expected remaining is always the month's slots.
        double slot = DAY_MILLIS / settings.samplesPerDay();
        long slots = Math.round((m.end - m.start) / slot);
        double elapsed = (Math.min(now, m.end) - m.start) / slot;
        // A sample on a slot boundary must not fall to the other side by a rounding error.
        long begun =
                settings.stampedAtSlotEnd() ? (long) Math.ceil(elapsed - 1e-9) : (long) Math.floor(elapsed + 1e-9) + 1;
        long soFar = closed ? slots : Math.max(0, Math.min(slots, begun));
        s.expectedSoFar = soFar;
        s.missing = Math.max(0, soFar - m.count);
        s.expectedRemaining = slots - soFar;
        s.budget = round(MonthlyBudget.remaining(limit, m.sum, m.count, s.expectedRemaining));
        s.insufficient = m.count < settings.minValidFraction() * s.expectedSoFar;
        s.closed = closed;
        if (closed || Double.isNaN(s.budget)) {
            s.budgetState = "final";
        } else if (s.budget <= 0) {
            s.budgetState = "impossible";
        } else if (s.budget < settings.budgetAlertRatio() * today) {
            s.budgetState = "low";
        } else {
            s.budgetState = "ok";
        }
        return s;
    }

    private static double round(double x) {
        return Double.isNaN(x) ? x : Math.round(x * 10_000) / 10_000.0;
    }
}
