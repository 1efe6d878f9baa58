package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Through Flink's own deployment: four subtasks of two operators, each holding the registry, hold
 * one registry between them in the TaskManager's JVM (at 100,000 sites, a copy each filled the heap).
 */
class RegistrySharingTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    @Test
    void theSubtasksOfEveryOperatorShareOneRegistry() throws Exception {
        Registry registry = RegistryLoader.sample();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(4);
        List<String> seen = env.fromSequence(0, 399)
                .map(new Holder<Long>(registry, "first"))
                .returns(Types.STRING)
                .rebalance()
                .map(new Holder<String>(registry, "second"))
                .returns(Types.STRING)
                .executeAndCollect(1_000);
        Set<String> copies = new HashSet<>();
        for (String line : seen) {
            for (String part : line.split(";")) {
                copies.add(part.substring(part.indexOf('=') + 1));
            }
        }
        assertThat(seen).hasSize(400);
        assertThat(copies).singleElement();
    }

    /** Tells which registry object its subtask holds after deployment. */
    static final class Holder<T> extends RichMapFunction<T, String> {
        private final Registry registry;
        private final String name;

        Holder(Registry registry, String name) {
            this.registry = registry;
            this.name = name;
        }

        @Override
        public void open(OpenContext context) {
            assertThat(registry.site("FE-O01")).isPresent();
        }

        @Override
        public String map(T in) {
            String mine = name + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "="
                    + System.identityHashCode(registry);
            return in instanceof String before ? before + ";" + mine : mine;
        }
    }
}
