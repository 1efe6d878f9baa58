package io.envwatch.district.schema;

import com.influxdb.client.write.Point;
import java.util.List;

/**
 * One point being written, column by column. A column of another measurement, a tag written as a
 * field or a value of the wrong type is a programming error and fails at once, in the first test
 * that writes the point, not in a board weeks later.
 */
public final class Line {
    private final Measurement measurement;
    private final Point point;

    Line(Measurement measurement, Point point) {
        this.measurement = measurement;
        this.point = point;
    }

    /** A tag; InfluxDB stores no empty tag, so null or empty leaves it out. */
    public Line tag(Column c, String value) {
        check(c, Column.Kind.TAG, Column.Type.STRING);
        point.addTag(c.name(), value);
        return this;
    }

    /** A tag that is never left out: null or empty is stored as {@code unknown}. */
    public Line tagOrUnknown(Column c, String value) {
        return tag(c, value == null || value.isEmpty() ? "unknown" : value);
    }

    /** A text field; null is stored as the empty string. */
    public Line field(Column c, String value) {
        check(c, Column.Kind.FIELD, Column.Type.STRING);
        point.addField(c.name(), value == null ? "" : value);
        return this;
    }

    /** A list as one text field, joined by {@code separator}. */
    public Line field(Column c, List<String> values, String separator) {
        return field(c, String.join(separator, values));
    }

    public Line field(Column c, double value) {
        check(c, Column.Kind.FIELD, Column.Type.FLOAT);
        point.addField(c.name(), value);
        return this;
    }

    public Line field(Column c, long value) {
        check(c, Column.Kind.FIELD, Column.Type.INTEGER);
        point.addField(c.name(), value);
        return this;
    }

    public Line field(Column c, boolean value) {
        check(c, Column.Kind.FIELD, Column.Type.BOOLEAN);
        point.addField(c.name(), value);
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

    public String toLine() {
        return point.toLineProtocol();
    }

    private void check(Column c, Column.Kind kind, Column.Type type) {
        measurement.requireOwn(c);
        if (c.kind() != kind || c.type() != type) {
            throw new IllegalArgumentException(measurement + "." + c.name() + " is a " + c.kind() + " of type "
                    + c.type() + ", written as a " + kind + " of type " + type);
        }
    }
}
