package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;
import io.envwatch.district.registry.LocalPlane;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.registry.SiteKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Pairs a complaint with every site measuring its kind of nuisance within the correlation radius.
 * A complaint with no such site is answered at once: not corroborated, no sensor in range.
 */
public class SitesInRange extends ProcessFunction<Complaint, ComplaintAtSite> {
    public static final OutputTag<ComplaintOutcome> OUT_OF_RANGE = new OutputTag<>("complaints-out-of-range") {};

    private final Registry registry;

    public SitesInRange(Registry registry) {
        this.registry = registry;
    }

    static SiteKind kindOf(String category) {
        return switch (category) {
            case "noise" -> SiteKind.NOISE;
            case "odour" -> SiteKind.ODOUR;
            case "water" -> SiteKind.WATER;
            default -> null;
        };
    }

    @Override
    public void processElement(Complaint complaint, Context ctx, Collector<ComplaintAtSite> out) {
        SiteKind kind = kindOf(complaint.category);
        double radius = registry.rules().complaints().radiusMetres();
        List<ComplaintAtSite> pairs = new ArrayList<>();
        if (kind != null) {
            for (Site site : registry.sites()) {
                double metres = LocalPlane.metres(complaint.lat, complaint.lon, site.lat(), site.lon());
                if (site.measures(kind) && metres <= radius) {
                    ComplaintAtSite pair = new ComplaintAtSite();
                    pair.complaint = complaint;
                    pair.site = site.id();
                    pair.metres = metres;
                    pairs.add(pair);
                }
            }
        }
        if (pairs.isEmpty()) {
            ctx.output(
                    OUT_OF_RANGE,
                    ComplaintOutcome.of(
                            complaint,
                            ComplaintOutcome.NOT_CORROBORATED,
                            kind == null
                                    ? "no sensors measure this kind of nuisance"
                                    : "no " + kind.wireName() + " sensor within " + Math.round(radius) + " m"));
            return;
        }
        for (ComplaintAtSite pair : pairs) {
            pair.candidates = pairs.size();
            out.collect(pair);
        }
    }
}
