package io.envwatch.district.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineTest {
    private static final Measurement M =
            new Measurement("probe, m=1", Measurement.Writer.JOB, "test", "t", Precision.NS, Retention.DAYS);
    // Declared out of name order: line protocol writes them sorted.
    private static final Column ZONE = M.tag("zone", "");
    private static final Column SITE = M.tag("site", "");
    private static final Column ODD_TAG = M.tag("a b,c=d", "");
    private static final Column VALUE = M.field("value", Column.Type.FLOAT, "", "");
    private static final Column COUNT = M.field("count", Column.Type.INTEGER, "", "");
    private static final Column OPEN = M.field("open", Column.Type.BOOLEAN, "", "");
    private static final Column TEXT = M.text("text", "");
    private static final Column ODD_FIELD = M.text("x=y z", "");
    private static final List<Column> TAGS = List.of(ZONE, SITE, ODD_TAG);

    @Test
    void escapesAsLineProtocolNeeds() {
        String line = M.line(1_000_000L)
                .tag(SITE, "a b,c=d")
                .tag(ZONE, "nl\nx\ty\rz")
                .field(TEXT, "say \"hi\" C:\\dir\nnext line")
                .field(VALUE, 55.5)
                .field(COUNT, 3)
                .field(OPEN, true)
                .toLine();
        assertThat(line)
                .isEqualTo("probe\\,\\ m=1,site=a\\ b\\,c\\=d,zone=nl\\nx\\ty\\rz count=3i,open=true,"
                        + "text=\"say \\\"hi\\\" C:\\\\dir\nnext line\",value=55.5 1000000");
    }

    @Test
    void aTagEndingInABackslashLosesItRatherThanTheBatch() {
        assertThat(M.line(1).tag(SITE, "gw\\").field(COUNT, 1).toLine()).isEqualTo("probe\\,\\ m=1,site=gw count=1i 1");
        assertThat(M.line(1).tag(SITE, "\\\\").field(COUNT, 1).toLine()).isEqualTo("probe\\,\\ m=1 count=1i 1");
        assertThat(M.line(1).tag(SITE, "a\\b").field(COUNT, 1).toLine())
                .isEqualTo("probe\\,\\ m=1,site=a\\b count=1i 1");
    }

    @Test
    void leavesOutEmptyTagsAndNonFiniteNumbersAndIsEmptyWithoutFields() {
        assertThat(M.line(5)
                        .tag(SITE, "")
                        .tag(ZONE, null)
                        .field(VALUE, Double.NaN)
                        .field(COUNT, -2)
                        .toLine())
                .isEqualTo("probe\\,\\ m=1 count=-2i 5");
        assertThat(M.line(5)
                        .tag(SITE, "s")
                        .field(VALUE, Double.POSITIVE_INFINITY)
                        .toLine())
                .isEmpty();
        assertThat(M.line(5).tag(SITE, "s").toLine()).isEmpty();
    }

    @Test
    void writesNumbersInPlainDecimal() {
        assertThat(M.line(1).field(VALUE, 1e21).toLine()).isEqualTo("probe\\,\\ m=1 value=1000000000000000000000.0 1");
        assertThat(M.line(1).field(VALUE, 1.5e-7).toLine()).isEqualTo("probe\\,\\ m=1 value=0.00000015 1");
        assertThat(M.line(1).field(VALUE, -0.0).toLine()).isEqualTo("probe\\,\\ m=1 value=-0.0 1");
        assertThat(M.line(1).field(COUNT, Long.MIN_VALUE).toLine())
                .isEqualTo("probe\\,\\ m=1 count=" + Long.MIN_VALUE + "i 1");
    }

    @Test
    void refusesColumnsOfOtherMeasurementsAndWrongTypes() {
        assertThatThrownBy(() -> M.line(1).field(ReadingPoint.VALUE, 1.0))
                .hasMessageContaining("is not a column of probe");
        assertThatThrownBy(() -> M.line(1).field(SITE, "x")).hasMessageContaining("is a TAG");
        assertThatThrownBy(() -> M.line(1).field(COUNT, 1.0)).hasMessageContaining("of type INTEGER");
    }

    /** What influxdb-client's Point wrote, on random points: the stored data keeps its form. */
    @Test
    void writesWhatPointWroteOnRandomPoints() {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            long time = random.nextLong() & Long.MAX_VALUE;
            Line line = M.line(time);
            Point point = Point.measurement(M.name()).time(time, WritePrecision.NS);
            for (Column tag : TAGS) {
                if (random.nextInt(4) > 0) {
                    String value = random.nextInt(10) == 0 ? null : text(random);
                    line.tag(tag, value);
                    point.addTag(tag.name(), value == null ? null : value.replaceAll("\\\\+\\z", ""));
                }
            }
            if (random.nextBoolean()) {
                double value = number(random);
                line.field(VALUE, value);
                point.addField(VALUE.name(), value);
            }
            if (random.nextBoolean()) {
                long value = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1000);
                line.field(COUNT, value);
                point.addField(COUNT.name(), value);
            }
            if (random.nextBoolean()) {
                boolean value = random.nextBoolean();
                line.field(OPEN, value);
                point.addField(OPEN.name(), value);
            }
            for (Column text : List.of(TEXT, ODD_FIELD)) {
                if (random.nextBoolean()) {
                    String value = text(random);
                    line.field(text, value);
                    point.addField(text.name(), value);
                }
            }
            assertThat(line.toLine()).as("point %d", n).isEqualTo(point.toLineProtocol());
        }
    }

    private static final String ALPHABET = "ab Z09,= \"\\\n\r\t.-_é中/";

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static double number(Random random) {
        List<Double> special = new ArrayList<>(List.of(
                0.0,
                -0.0,
                1e7,
                9_999_999.999,
                1e-3,
                0.000999,
                1e300,
                4.9e-324,
                Double.NaN,
                Double.NEGATIVE_INFINITY,
                123.0,
                0.1 + 0.2));
        return switch (random.nextInt(5)) {
            case 0 -> special.get(random.nextInt(special.size()));
            case 1 -> Math.round(random.nextGaussian() * 1000) / 10.0;
            case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 3 -> Double.longBitsToDouble(random.nextLong());
            default -> 30 + random.nextDouble() * 70;
        };
    }
}
