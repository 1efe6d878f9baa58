package io.envwatch.district.schema;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * One point being written, column by column, straight into InfluxDB line protocol. A column of
 * another measurement, a tag written as a field or a value of the wrong type is a programming error
 * and fails at once, in the first test that writes the point, not in a board weeks later.
 *
 * <p>The text is what influxdb-client's {@code Point} wrote before (tags and fields in name order,
 * the same escapes and number format; LineTest compares the two on random points), without its
 * tree maps and {@code DecimalFormat}: a reading's point is written for every reading the job
 * takes. One rule is added: InfluxDB cannot parse a tag value ending in a backslash (1.6 refuses the
 * whole request with 400 "invalid tag format", escaped or not), and one such value would refuse the
 * batch of every point beside it; its trailing backslashes are left out.
 */
public final class Line {
    /** For doubles {@link Double#toString} writes in E notation: the digits {@code Point} wrote. */
    private static final ThreadLocal<NumberFormat> PLAIN_DECIMAL = ThreadLocal.withInitial(() -> {
        NumberFormat f = NumberFormat.getInstance(Locale.ENGLISH);
        f.setMaximumFractionDigits(340);
        f.setMinimumFractionDigits(1);
        f.setGroupingUsed(false);
        return f;
    });

    private final Measurement measurement;
    private final long epochNanos;
    /** By column position: a tag's raw value, or a field's value as line protocol writes it. */
    private final String[] values;

    Line(Measurement measurement, long epochNanos) {
        this.measurement = measurement;
        this.epochNanos = epochNanos;
        this.values = new String[measurement.columnCount()];
    }

    /** A tag; InfluxDB stores no empty tag, so null or empty leaves it out. */
    public Line tag(Column c, String value) {
        values[check(c, Column.Kind.TAG, Column.Type.STRING)] = value;
        return this;
    }

    /** A tag that is never left out: null or empty is stored as {@code unknown}. */
    public Line tagOrUnknown(Column c, String value) {
        return tag(c, value == null || value.isEmpty() ? "unknown" : value);
    }

    /** A text field; null is stored as the empty string. */
    public Line field(Column c, String value) {
        int at = check(c, Column.Kind.FIELD, Column.Type.STRING);
        values[at] = quoted(value == null ? "" : value);
        return this;
    }

    /** A list as one text field, joined by {@code separator}. */
    public Line field(Column c, List<String> values, String separator) {
        return field(c, String.join(separator, values));
    }

    /** NaN and infinities leave the field out: InfluxDB stores no NaN. */
    public Line field(Column c, double value) {
        int at = check(c, Column.Kind.FIELD, Column.Type.FLOAT);
        values[at] = Double.isFinite(value) ? decimal(value) : null;
        return this;
    }

    public Line field(Column c, long value) {
        values[check(c, Column.Kind.FIELD, Column.Type.INTEGER)] = value + "i";
        return this;
    }

    public Line field(Column c, boolean value) {
        values[check(c, Column.Kind.FIELD, Column.Type.BOOLEAN)] = value ? "true" : "false";
        return this;
    }

    /** A number InfluxDB can store: NaN and infinities leave the field out (InfluxDB stores no NaN). */
    public Line finite(Column c, double value) {
        return Double.isFinite(value) ? field(c, value) : this;
    }

    /** A text field only when there is a value: the point has no such field otherwise. */
    public Line optional(Column c, String value) {
        return value == null ? this : field(c, value);
    }

    /** The point as one line of line protocol, or the empty string if it has no field (InfluxDB stores no such point). */
    public String toLine() {
        Measurement.Written w = measurement.written();
        StringBuilder line = new StringBuilder(64 + 24 * values.length);
        line.append(w.name());
        for (int at : w.byName()) {
            String value = values[at];
            if (value != null && w.tags()[at]) {
                int length = withoutTrailingBackslashes(value);
                if (length > 0) {
                    line.append(',').append(w.columnNames()[at]).append('=');
                    escapeKey(line, value, length, true);
                }
            }
        }
        line.append(' ');
        boolean anyField = false;
        for (int at : w.byName()) {
            String value = values[at];
            if (value != null && !w.tags()[at]) {
                if (anyField) {
                    line.append(',');
                }
                line.append(w.columnNames()[at]).append('=').append(value);
                anyField = true;
            }
        }
        if (!anyField) {
            return "";
        }
        return line.append(' ').append(epochNanos).toString();
    }

    private int check(Column c, Column.Kind kind, Column.Type type) {
        int at = measurement.indexOf(c);
        if (c.kind() != kind || c.type() != type) {
            throw new IllegalArgumentException(measurement + "." + c.name() + " is a " + c.kind() + " of type "
                    + c.type() + ", written as a " + kind + " of type " + type);
        }
        return at;
    }

    static String decimal(double value) {
        String plain = Double.toString(value);
        return plain.indexOf('E') < 0 ? plain : PLAIN_DECIMAL.get().format(value);
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' || ch == '"') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.append('"').toString();
    }

    private static int withoutTrailingBackslashes(String value) {
        int length = value.length();
        while (length > 0 && value.charAt(length - 1) == '\\') {
            length--;
        }
        return length;
    }

    /**
     * Names and tag values: comma, space (and for tags the equals sign) escaped with a backslash;
     * newline, carriage return and tab written as {@code \n}, {@code \r}, {@code \t}, which
     * InfluxDB keeps as those two characters: a raw newline would end the line.
     */
    static void escapeKey(StringBuilder out, String key, int length, boolean escapeEquals) {
        for (int i = 0; i < length; i++) {
            char ch = key.charAt(i);
            switch (ch) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case ' ', ',' -> out.append('\\').append(ch);
                case '=' -> {
                    if (escapeEquals) {
                        out.append('\\');
                    }
                    out.append(ch);
                }
                default -> out.append(ch);
            }
        }
    }
}
