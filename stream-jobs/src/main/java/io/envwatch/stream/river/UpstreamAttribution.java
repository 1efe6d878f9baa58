package io.envwatch.stream.river;

import io.envwatch.district.limits.RuleSettings;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import io.envwatch.district.registry.LocalPlane;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.River;
import io.envwatch.district.registry.RiverStation;
import io.envwatch.district.registry.Site;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Upstream attribution by lag-aligned increase. When a sample at the assessment section is more
 * than the configured rise above its own baseline (the median of the preceding baseline period),
 * every upstream station is looked at where the water now at the section passed it: the station's
 * latest sample at {@code t - travel time} against its own baseline before that. Stations are
 * ranked by that increase; the largest is where the load entered, since a discharge is diluted on
 * its way down. Limits: travel times are fixed (not flow-dependent), tributaries between stations
 * are invisible, a load entering between two stations is credited to the next one down, and with
 * sparse samples (every 4 h) a station may not have been sampled since the load passed it, so only
 * the leader is reliable, not the order of the rest.
 *
 * <p>Keyed by river: it needs every station's recent samples, kept for the longest travel time plus
 * the baseline period and pruned on every sample.
 */
public class UpstreamAttribution extends KeyedProcessFunction<String, Reading, Attribution> {
    private final Registry registry;
    private transient MapState<String, Series> history;

    /** Recent samples of one station, oldest first. A Flink POJO. */
    public static class Series {
        public List<Long> times = new ArrayList<>();
        public List<Double> values = new ArrayList<>();

        public Series() {}
    }

    public UpstreamAttribution(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void open(OpenContext context) {
        history = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("tp-history", Types.STRING, TypeInformation.of(Series.class)));
    }

    @Override
    public void processElement(Reading reading, Context ctx, Collector<Attribution> out) throws Exception {
        if (!Quantity.TP.wireName().equals(reading.quantity)) {
            return;
        }
        River river = registry.river().orElseThrow();
        Site site = registry.site(reading.site).orElseThrow();
        RuleSettings.River settings = registry.rules().river();
        long baseline = settings.baselineDuration().toMillis();
        Series series = history.get(site.riverStation());
        if (series == null) {
            series = new Series();
        }
        long keep = reading.timestamp - maxTravelMillis(river) - 2 * baseline;
        while (!series.times.isEmpty() && series.times.get(0) < keep) {
            series.times.remove(0);
            series.values.remove(0);
        }
        int at = 0;
        while (at < series.times.size() && series.times.get(at) <= reading.timestamp) {
            at++;
        }
        series.times.add(at, reading.timestamp);
        series.values.add(at, reading.value);
        history.put(site.riverStation(), series);

        if (!site.riverStation().equals(river.assessmentSection())) {
            return;
        }
        double sectionBaseline = median(series, reading.timestamp - baseline, reading.timestamp);
        double rise = reading.value - sectionBaseline;
        if (Double.isNaN(sectionBaseline) || rise <= settings.attributionRise()) {
            return;
        }
        out.collect(attribute(river, reading, sectionBaseline, rise, baseline));
    }

    private Attribution attribute(River river, Reading reading, double sectionBaseline, double rise, long baseline)
            throws Exception {
        List<RiverStation> stations = river.stations();
        int section = indexOf(stations, river.assessmentSection());
        record Increase(String station, double increase, long lagMinutes) {}
        List<Increase> increases = new ArrayList<>();
        long lag = 0;
        for (int i = section - 1; i >= 0; i--) {
            Integer travel = stations.get(i).travelMinutesToNext();
            lag += travel == null ? 0 : travel;
            Series series = history.get(stations.get(i).id());
            if (series == null) {
                continue;
            }
            long passed = reading.timestamp - lag * 60_000;
            double then = latestAtOrBefore(series, passed);
            double before = median(series, passed - baseline, passed);
            if (!Double.isNaN(then) && !Double.isNaN(before) && then - before > 0) {
                increases.add(new Increase(stations.get(i).id(), then - before, lag));
            }
        }
        increases.sort(Comparator.comparingDouble(Increase::increase).reversed());
        double total = increases.stream().mapToDouble(Increase::increase).sum();
        Attribution a = new Attribution();
        a.section = river.assessmentSection();
        a.timestamp = reading.timestamp;
        a.sectionValue = reading.value;
        a.baseline = round(sectionBaseline);
        a.rise = round(rise);
        for (Increase inc : increases) {
            a.ranking.add(inc.station() + ":" + round(inc.increase()) + ":"
                    + Math.round(inc.increase() / total * 100) / 100.0 + ":" + inc.lagMinutes());
        }
        if (!increases.isEmpty()) {
            a.leading = increases.get(0).station();
            a.suspects = suspectsNear(registry.station(a.leading).orElseThrow());
        }
        return a;
    }

    /** Phosphorus-discharging plants within the suspect radius of a station, nearest first. */
    private List<String> suspectsNear(RiverStation station) {
        double radius = registry.rules().river().suspectRadiusMetres();
        record Suspect(Site site, double metres) {}
        List<Suspect> suspects = new ArrayList<>();
        for (Site s : registry.sites()) {
            if (s.dischargesPhosphorus()) {
                double d = LocalPlane.metres(station.lat(), station.lon(), s.lat(), s.lon());
                if (d <= radius) {
                    suspects.add(new Suspect(s, d));
                }
            }
        }
        suspects.sort(Comparator.comparingDouble(Suspect::metres));
        return suspects.stream()
                .map(s -> (s.site().facility() == null
                                ? s.site().name()
                                : s.site().facility())
                        + (s.site().industry() == null ? "" : " (" + s.site().industry() + ")")
                        + " @" + Math.round(s.metres()) + " m")
                .toList();
    }

    private static long maxTravelMillis(River river) {
        long minutes = 0;
        for (RiverStation s : river.stations()) {
            minutes += s.travelMinutesToNext() == null ? 0 : s.travelMinutesToNext();
        }
        return minutes * 60_000;
    }

    private static int indexOf(List<RiverStation> stations, String id) {
        for (int i = 0; i < stations.size(); i++) {
            if (stations.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException("no station " + id);
    }

    private static double latestAtOrBefore(Series series, long time) {
        double value = Double.NaN;
        for (int i = 0; i < series.times.size() && series.times.get(i) <= time; i++) {
            value = series.values.get(i);
        }
        return value;
    }

    /** Median of the samples in [from, to), or NaN if there are none. */
    static double median(Series series, long from, long to) {
        List<Double> window = new ArrayList<>();
        for (int i = 0; i < series.times.size(); i++) {
            long t = series.times.get(i);
            if (t >= from && t < to) {
                window.add(series.values.get(i));
            }
        }
        if (window.isEmpty()) {
            return Double.NaN;
        }
        window.sort(Double::compare);
        int n = window.size();
        return n % 2 == 1 ? window.get(n / 2) : (window.get(n / 2 - 1) + window.get(n / 2)) / 2;
    }

    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}
