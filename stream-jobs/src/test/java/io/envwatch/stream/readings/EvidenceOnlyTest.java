package io.envwatch.stream.readings;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.DataFlag;
import io.envwatch.district.readings.Quantity;
import io.envwatch.district.readings.Reading;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingTaskMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.StreamFilter;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class EvidenceOnlyTest {
    @Test
    void onlyNormalReadingsReachTheRulesAndTheOthersAreCounted() throws Exception {
        InterceptingOperatorMetricGroup operator = new InterceptingOperatorMetricGroup();
        InterceptingTaskMetricGroup task = new InterceptingTaskMetricGroup() {
            @Override
            public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> vars) {
                return operator;
            }
        };
        MockEnvironment environment =
                new MockEnvironmentBuilder().setMetricGroup(task).build();
        Reading normal = new Reading("FE-N02", Quantity.NOISE, 61.0, 1_000, "gw-fenggang-01");
        Reading calibrating = new Reading("FE-N02", Quantity.NOISE, 94.0, 2_000, "gw-fenggang-01").flagged(DataFlag.C);
        Reading fault = new Reading("W-TANGXIA", Quantity.TP, 9.9, 3_000, "gw-river-01").flagged(DataFlag.D);
        Reading flaggedNormal =
                new Reading("FE-N02", Quantity.NOISE, 62.0, 4_000, "gw-fenggang-01").flagged(DataFlag.N);
        try (var harness =
                new OneInputStreamOperatorTestHarness<>(new StreamFilter<>(new EvidenceOnly()), environment)) {
            harness.open();
            for (Reading r : new Reading[] {normal, calibrating, fault, flaggedNormal}) {
                harness.processElement(new StreamRecord<>(r, r.timestamp));
            }
            assertThat(harness.extractOutputValues()).containsExactly(normal, flaggedNormal);
        }
        assertThat(((Counter) operator.get(EvidenceOnly.METRIC)).getCount()).isEqualTo(2);
    }
}
