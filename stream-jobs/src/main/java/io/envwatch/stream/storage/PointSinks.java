package io.envwatch.stream.storage;

import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.district.schema.Measurement;
import io.envwatch.district.schema.ReadingPoint;
import java.io.Serializable;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the job's outputs go, by measurement: InfluxDB in production ({@link #influx}); a test can collect
 * them instead. Each output brings its own line-protocol conversion from {@link InfluxSchema}.
 */
@FunctionalInterface
public interface PointSinks extends Serializable {

    <T> Sink<T> sink(Measurement measurement, InfluxSink.LineProtocol<T> toLine);

    static PointSinks influx(InfluxSettings config) {
        return new PointSinks() {
            @Override
            public <T> Sink<T> sink(Measurement measurement, InfluxSink.LineProtocol<T> toLine) {
                return measurement == ReadingPoint.MEASUREMENT
                        ? InfluxSink.unordered(config, toLine)
                        : InfluxSink.of(config, toLine);
            }
        };
    }
}
