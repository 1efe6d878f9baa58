package io.envwatch.stream.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import io.envwatch.district.schema.DeadLetterPoint;
import io.envwatch.district.schema.InfluxSettings;
import io.envwatch.local.LocalInfluxd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile text, as a gateway with a real credential can put it in a topic or a payload, written as
 * line protocol in one request to a real influxd and read back: every point stored, text fields
 * exactly, tags as documented in {@code Line}.
 */
class LineProtocolRoundTripIT {
    private static final List<String> HOSTILE = List.of(
            "plain",
            "with space",
            "comma,inside",
            "equals=inside",
            "quote\"inside",
            "back\\slash",
            "ends in backslash\\",
            "two\\\\",
            "\\,comma after backslash",
            "new\nline",
            "carriage\rreturn",
            "tab\tinside",
            "中文 é",
            "=,\" \\");

    @Test
    void hostileTagsAndTextArriveInOneBatch() throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.start();
                InfluxDBClient reader =
                        InfluxDBClientFactory.createV1(influxd.url(), null, new char[0], "lines", null)) {
            influxd.createDatabase("lines");
            List<String> lines = new ArrayList<>();
            long t = 1_764_000_000_000L;
            for (int i = 0; i < HOSTILE.size(); i++) {
                String s = HOSTILE.get(i);
                lines.add(new DeadLetterPoint("INVALID_JSON", s, s, "envwatch/v1/readings/" + s, s, i, s, t + i * 1000L)
                        .toLine());
            }
            try (LineWriter writer = LineWriter.create(InfluxSettings.v1(influxd.url(), "lines"))) {
                writer.write(lines).join();
            }

            Map<Long, Map<String, Object>> stored = rows(reader, "SELECT * FROM dead_letter");
            assertThat(stored).hasSize(HOSTILE.size());
            for (Map<String, Object> row : stored.values()) {
                int i = (int) Double.parseDouble(String.valueOf(row.get("index")));
                String s = HOSTILE.get(i);
                assertThat(row.get("raw")).as("raw of %s", s).isEqualTo(s);
                assertThat(row.get("detail")).isEqualTo(s);
                assertThat(row.get("sensor")).isEqualTo(s);
                assertThat(row.get("topic")).isEqualTo("envwatch/v1/readings/" + s);
                assertThat(row.get("gateway")).as("gateway tag of %s", s).isEqualTo(asTag(s));
            }
        }
    }

    /** What InfluxDB keeps of a tag value: control characters as their escapes, no trailing backslash. */
    private static String asTag(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replaceAll("\\\\+\\z", "");
    }

    private static Map<Long, Map<String, Object>> rows(InfluxDBClient reader, String query) {
        InfluxQLQueryResult result = reader.getInfluxQLQueryApi().queryJSON(new InfluxQLQuery(query, "lines"));
        Map<Long, Map<String, Object>> rows = new HashMap<>();
        long n = 0;
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series s : r.getSeries()) {
                for (InfluxQLQueryResult.Series.Record record : s.getValues()) {
                    Map<String, Object> row = new HashMap<>();
                    for (String column : s.getColumns().keySet()) {
                        row.put(column, record.getValueByKey(column));
                    }
                    rows.put(n++, row);
                }
            }
        }
        return rows;
    }
}
