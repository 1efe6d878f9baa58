package io.envwatch.stream.noise;

import io.envwatch.district.registry.LocalTimeRules;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import java.time.Duration;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Closes an LAeq interval: the energy average with the limit of the local period. Intervals are
 * aligned to local time, so with the usual hours (22:00, 06:00) and intervals that divide an hour
 * none straddles a boundary; one that does (other hours or intervals) is judged by the stricter
 * night limit. Checking both ends suffices because an interval is far shorter than a period.
 */
public class LaeqWindow extends ProcessWindowFunction<EnergyAverage.Energy, LaeqInterval, String, TimeWindow> {
    private final Registry registry;
    private final String interval;

    public LaeqWindow(Registry registry, Duration interval) {
        this.registry = registry;
        this.interval = interval.toString();
    }

    @Override
    public void process(String siteId, Context context, Iterable<EnergyAverage.Energy> energies, Collector<LaeqInterval> out) {
        EnergyAverage.Energy energy = energies.iterator().next();
        Site site = registry.site(siteId).orElseThrow();
        TimeWindow window = context.window();
        LocalTimeRules local = registry.localTime();
        boolean night = local.isNight(window.getStart()) || local.isNight(window.maxTimestamp());
        LaeqInterval result = new LaeqInterval();
        result.site = siteId;
        result.town = site.town();
        result.interval = interval;
        result.start = window.getStart();
        result.end = window.getEnd();
        result.laeq = Math.round(energy.laeq() * 100) / 100.0;
        result.lmax = energy.max;
        result.count = energy.count;
        result.limit = registry.limits().noise(site, night);
        result.period = night ? "night" : "day";
        out.collect(result);
    }
}
