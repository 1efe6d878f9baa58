package io.envwatch.district.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A measurement one EnvWatch process writes and another (or a board) reads: its name, who writes
 * it, what its timestamp is and at what precision, how long its readers look back, and its columns.
 * Each point type in this package declares one and its columns as constants; {@link Schema} lists
 * them all and exports them for the boards' build and docs/schema.md.
 */
public final class Measurement {

    /** The process that writes the measurement. */
    public enum Writer {
        JOB,
        DUTY_SERVICE
    }

    private final String name;
    private final Writer writer;
    private final String about;
    private final String time;
    private final String precision;
    private final String retention;
    private final List<Column> columns = new ArrayList<>();
    /** Worked out on the first point written, once every column constant is declared. */
    private volatile Written written;

    /** What every point repeats: the escaped names and the order line protocol writes columns in. */
    record Written(int columns, String name, String[] columnNames, int[] byName, boolean[] tags) {}

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
        return new Line(this, epochNanos);
    }

    /** The column's position; fails if it is not a column of this measurement. */
    int indexOf(Column c) {
        // Asked for every column of every point written: the declared constants are found by identity.
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i) == c) {
                return i;
            }
        }
        int at = columns.indexOf(c);
        if (!name.equals(c.measurement()) || at < 0) {
            throw new IllegalArgumentException(c.measurement() + "." + c.name() + " is not a column of " + name);
        }
        return at;
    }

    int columnCount() {
        return columns.size();
    }

    /**
     * The escaped names, the positions in name order (tags sorted by key is what InfluxDB indexes
     * fastest) and which columns are tags: what every point written repeats, taken once per point.
     */
    Written written() {
        Written w = written;
        if (w == null || w.columns() != columns.size()) {
            StringBuilder escaped = new StringBuilder();
            Line.escapeKey(escaped, name, name.length(), false);
            String[] names = new String[columns.size()];
            for (int i = 0; i < names.length; i++) {
                StringBuilder column = new StringBuilder();
                Line.escapeKey(
                        column, columns.get(i).name(), columns.get(i).name().length(), true);
                names[i] = column.toString();
            }
            int[] byName = IntStream.range(0, names.length)
                    .boxed()
                    .sorted(Comparator.comparing(i -> columns.get(i).name()))
                    .mapToInt(Integer::intValue)
                    .toArray();
            boolean[] tags = new boolean[names.length];
            for (int i = 0; i < tags.length; i++) {
                tags[i] = columns.get(i).isTag();
            }
            w = new Written(names.length, escaped.toString(), names, byName, tags);
            written = w;
        }
        return w;
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
