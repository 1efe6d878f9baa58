package io.envwatch.stream.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.stream.residential.NearbyBuildings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ten hours of a site's 1-minute verdicts flapping around a limit that drops at 22:00, with
 * complaints resting on random exceeded minutes. Whether each complaint comes as soon as its
 * window has closed or days later, after the site fell silent, every incident ends up the same.
 */
class IncidentTrackerOrderTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final long T0 = 1_763_740_800_000L;
    private static final long MINUTE = 60_000;
    private static final int MINUTES = 600;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void incidentsDoNotDependOnWhenComplaintsCome(long seed) throws Exception {
        Random random = new Random(seed);
        List<Judgement> verdicts = new ArrayList<>();
        double level = 50;
        for (int m = 0; m < MINUTES; m++) {
            boolean night = m >= 300;
            double limit = night ? 55 : 60;
            if (random.nextInt(4) == 0) {
                level = limit + new double[] {-8, -2, 2, 6}[random.nextInt(4)];
            }
            verdicts.add(Judgement.builder("FE-N01", "noise-laeq-1m")
                    .quantity("noise", "dB(A)")
                    .interval(T0 + m * MINUTE, T0 + (m + 1) * MINUTE)
                    .value(level)
                    .limit(limit, limit - 3)
                    .period(night ? "night" : "day")
                    .persistence(3, 0, 10 * MINUTE)
                    .build());
        }
        List<Judgement> exceeded = verdicts.stream().filter(j -> j.exceeded).toList();
        List<ComplaintLink> links = new ArrayList<>();
        for (int k = 0; k < 12 && !exceeded.isEmpty(); k++) {
            Judgement j = exceeded.get(random.nextInt(exceeded.size()));
            links.add(new ComplaintLink("C-" + k, j.site, j.rule, j.start, j.end + random.nextInt(150) * MINUTE));
        }
        List<Integer> freshDelay = links.stream().map(l -> random.nextInt(120)).toList();

        Map<String, Incident> soon = run(verdicts, links, freshDelay, false);
        Map<String, Incident> late = run(verdicts, links, freshDelay, true);
        assertThat(soon).isNotEmpty();
        assertThat(late).usingRecursiveComparison().isEqualTo(soon);
        assertThat(soon.values().stream().mapToInt(i -> i.complaints.size()).sum())
                .isEqualTo(
                        (int) links.stream().map(l -> l.complaintId).distinct().count());
    }

    /** The last state of every incident emitted. */
    private static Map<String, Incident> run(
            List<Judgement> verdicts, List<ComplaintLink> links, List<Integer> freshDelay, boolean daysLater)
            throws Exception {
        Map<String, Incident> last = new TreeMap<>();
        try (KeyedTwoInputStreamOperatorTestHarness<String, Judgement, ComplaintLink, Incident> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new IncidentTracker(REGISTRY, NearbyBuildings.of(REGISTRY))),
                        Judgement::key,
                        ComplaintLink::key,
                        Types.STRING)) {
            harness.open();
            boolean[] sent = new boolean[links.size()];
            for (Judgement j : verdicts) {
                harness.processElement1(j, j.end - 1);
                harness.processBothWatermarks(new Watermark(j.end - 1));
                for (int k = 0; k < links.size() && !daysLater; k++) {
                    ComplaintLink l = links.get(k);
                    if (!sent[k] && j.end - 1 >= l.due + freshDelay.get(k) * MINUTE) {
                        harness.processElement2(l, l.due);
                        sent[k] = true;
                    }
                }
            }
            long end = verdicts.get(verdicts.size() - 1).end;
            harness.processBothWatermarks(new Watermark(end + 3 * 86_400_000L));
            for (int k = 0; k < links.size(); k++) {
                if (!sent[k]) {
                    harness.processElement2(links.get(k), links.get(k).due);
                }
            }
            for (Incident i : harness.extractOutputValues()) {
                last.put(i.id, i);
            }
        }
        return last;
    }
}
