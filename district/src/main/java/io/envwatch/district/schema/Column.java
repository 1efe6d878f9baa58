package io.envwatch.district.schema;

/**
 * One column of a measurement: a tag (indexed; its values are bounded by the registry or an enum)
 * or a typed field. The name appears here and nowhere else in Java: writers, readers and queries
 * name the column through this object.
 */
public record Column(String measurement, String name, Kind kind, Type type, String unit, String about) {

    public enum Kind {
        TAG,
        FIELD
    }

    /** InfluxDB's field types; tags are always strings. */
    public enum Type {
        STRING,
        FLOAT,
        INTEGER,
        BOOLEAN
    }

    public boolean isTag() {
        return kind == Kind.TAG;
    }

    /** The name as InfluxQL quotes an identifier. */
    public String quoted() {
        return "\"" + name + "\"";
    }

    /** {@code "column" = 'value'}, the value's quotes and backslashes escaped. */
    public String is(String value) {
        return quoted() + " = " + InfluxQl.literal(value);
    }

    /** {@code "column" != 'value'}, escaped as {@link #is}. */
    public String isNot(String value) {
        return quoted() + " != " + InfluxQl.literal(value);
    }
}
