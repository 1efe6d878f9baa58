package io.envwatch.district.schema;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A measurement one EnvWatch process writes and another (or a board) reads: its name, who writes
 * it, what its timestamp is and at what precision, how long its readers look back, and its columns.
 * Each point type in this package declares one and its columns as constants; {@link Schema} lists
 * them all and exports them for the boards' build and docs/schema.md.
 */
public final class Measurement {

    /** The process that writes the measurement. */
    public enum Writer { JOB, DUTY_SERVICE }

    private final String name;
    private final Writer writer;
    private final String about;
    private final String time;
    private final String precision;
    private final String retention;
    private final List<Column> columns = new ArrayList<>();

    /**
     * @param time what a point's timestamp is
     * @param precision the timestamp's precision and how points that would share one are kept apart
     * @param retention how far back its readers look: the least the database must keep
     */
    public Measurement(String name, Writer writer, String about, String time, String precision, String retention) {
        this.name = name;
        this.writer = writer;
        this.about = about;
        this.time = time;
        this.precision = precision;
        this.retention = retention;
    }

    public Column tag(String column, String about) {
        return add(new Column(name, column, Column.Kind.TAG, Column.Type.STRING, "", about));
    }

    public Column field(String column, Column.Type type, String unit, String about) {
        return add(new Column(name, column, Column.Kind.FIELD, type, unit, about));
    }

    public Column text(String column, String about) {
        return field(column, Column.Type.STRING, "", about);
    }

    private Column add(Column c) {
        if (columns.stream().anyMatch(o -> o.name().equals(c.name()))) {
            throw new IllegalStateException(name + " declares " + c.name() + " twice");
        }
        columns.add(c);
        return c;
    }

    /** A point of this measurement at {@code epochNanos}. */
    public Line line(long epochNanos) {
        return new Line(this, Point.measurement(name).time(epochNanos, WritePrecision.NS));
    }

    void requireOwn(Column c) {
        // Asked for every column of every point written: the declared constants are found by identity.
        for (Column own : columns) {
            if (own == c) {
                return;
            }
        }
        if (!name.equals(c.measurement()) || !columns.contains(c)) {
            throw new IllegalArgumentException(c.measurement() + "." + c.name() + " is not a column of " + name);
        }
    }

    public String name() {
        return name;
    }

    public String quoted() {
        return "\"" + name + "\"";
    }

    public Writer writer() {
        return writer;
    }

    public String about() {
        return about;
    }

    public String time() {
        return time;
    }

    public String precision() {
        return precision;
    }

    public String retention() {
        return retention;
    }

    public List<Column> columns() {
        return Collections.unmodifiableList(columns);
    }

    @Override
    public String toString() {
        return name;
    }
}
