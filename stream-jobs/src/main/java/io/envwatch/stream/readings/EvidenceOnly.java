package io.envwatch.stream.readings;

import io.envwatch.district.readings.Reading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

/**
 * The readings the rules may judge: a value its instrument flagged (calibration, maintenance,
 * fault, ...) is stored with its flag but is no evidence of an exceedance, so a noise station's
 * calibration tone at night raises no alarm. Those held back are counted (metric
 * {@value #METRIC}).
 */
public class EvidenceOnly extends RichFilterFunction<Reading> {
    public static final String METRIC = "flaggedReadingsNotJudged";
    private transient Counter flagged;

    @Override
    public void open(OpenContext openContext) {
        flagged = getRuntimeContext().getMetricGroup().counter(METRIC);
    }

    @Override
    public boolean filter(Reading r) {
        if (r.evidence()) {
            return true;
        }
        flagged.inc();
        return false;
    }
}
