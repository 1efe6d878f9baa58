package io.envwatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.district.readings.Reading;
import io.envwatch.district.readings.ReadingCodec;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import io.envwatch.district.schema.Measurement;
import io.envwatch.ingest.mqtt.source.MqttPayload;
import io.envwatch.stream.readings.ReaderIdleness;
import io.envwatch.stream.readings.ReadingSerializer;
import io.envwatch.stream.storage.InfluxSink;
import io.envwatch.stream.storage.PointSinks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.junit.jupiter.api.Test;

/** The shape of the job graph where it decides the cost per reading. */
class JobGraphTest {
    private static final Registry REGISTRY = RegistryLoader.sample();

    private static StreamGraph streamGraph() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataGeneratorSource<MqttPayload> source =
                new DataGeneratorSource<>(i -> null, 1, TypeInformation.of(MqttPayload.class));
        PointSinks discard = new PointSinks() {
            @Override
            public <T> Sink<T> sink(Measurement measurement, InfluxSink.LineProtocol<T> toLine) {
                return new DiscardingSink<>();
            }
        };
        new EnvWatchJob(source, discard, REGISTRY, new ReadingCodec(REGISTRY)).build(env);
        return env.getStreamGraph();
    }

    private static JobGraph jobGraph() {
        return streamGraph().getJobGraph();
    }

    @Test
    void aSitesRulesReadItsReadingsFromOneNetworkHop() {
        List<JobVertex> vertices = StreamSupport.stream(jobGraph().getVertices().spliterator(), false)
                .toList();
        List<JobVertex> bySite = vertices.stream()
                .filter(v -> v.getName().contains("readings by site"))
                .toList();
        assertThat(bySite)
                .singleElement()
                .satisfies(v -> assertThat(v.getName())
                        .contains("noise (LAeq PT1M, LAeq PT20M, LAeq PT1H, night maximum)", "sensor silence"));
        // Nothing else keyed by site reads the noise readings on an edge of its own.
        assertThat(vertices)
                .filteredOn(v -> v != bySite.get(0))
                .noneMatch(v -> v.getName().contains("LAeq PT")
                        || v.getName().contains("night maximum")
                        || v.getName().contains("sensor silence"));
    }

    @Test
    void everyEdgeCarryingReadingsWritesThemWithTheReadingSerializer() {
        StreamGraph graph = streamGraph();
        List<String> readingEdges = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            for (StreamEdge edge : node.getOutEdges()) {
                TypeSerializer<?> serializer = edge.getOutputTag() == null
                        ? node.getTypeSerializerOut()
                        : edge.getOutputTag().getTypeInfo().createSerializer(new SerializerConfigImpl());
                if (Reading.class.equals(serializer.createInstance().getClass())) {
                    assertThat(serializer)
                            .as(node.getOperatorName() + " -> "
                                    + graph.getStreamNode(edge.getTargetId()).getOperatorName())
                            .isInstanceOf(ReadingSerializer.class);
                    readingEdges.add(node.getOperatorName());
                }
            }
        }
        // Decoding, the copies check, the noise rules' late readings, odour's and TP's keyed streams.
        assertThat(readingEdges).contains("decode and validate", "readings by site, each once");
        assertThat(readingEdges.size()).isGreaterThan(5);
    }

    @Test
    void everyTaskReceivingReadingsFromTheReadersStopsTheirIdlenessThere() {
        StreamGraph graph = streamGraph();
        StreamNode eventTime = graph.getStreamNodes().stream()
                .filter(n -> n.getOperatorName().equals("event time"))
                .findFirst()
                .orElseThrow();
        // The readers' chain: the event time and what it forwards to without a network exchange.
        List<StreamNode> chain = new ArrayList<>(List.of(eventTime));
        List<StreamNode> receivers = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            for (StreamEdge edge : chain.get(i).getOutEdges()) {
                StreamNode target = graph.getStreamNode(edge.getTargetId());
                (edge.getPartitioner() instanceof ForwardPartitioner ? chain : receivers).add(target);
            }
        }
        // One receiver: each reading taken once, by site, before storage and every rule.
        assertThat(receivers).extracting(StreamNode::getOperatorName).containsExactly("readings by site, each once");
        assertThat(receivers)
                .allSatisfy(n -> assertThat(n.getOperatorFactory())
                        .isInstanceOfSatisfying(
                                SimpleOperatorFactory.class,
                                f -> assertThat(f.getOperator())
                                        .as(n.getOperatorName())
                                        .isInstanceOf(ReaderIdleness.StopsIdleness.class)));
    }
}
