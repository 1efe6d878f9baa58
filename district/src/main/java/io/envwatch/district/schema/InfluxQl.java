package io.envwatch.district.schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/** The few InfluxQL pieces EnvWatch's readers build, from schema objects rather than retyped names. */
public final class InfluxQl {
    private InfluxQl() {}

    /** A string literal: single quotes, with quotes and backslashes inside escaped. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A time literal InfluxQL compares {@code time} with. */
    public static String literal(Instant time) {
        return "'" + time + "'";
    }

    /**
     * {@code "column" =~ /^(a|b)$/}: the column is one of the values. Regular-expression characters
     * and slashes in the values are escaped.
     */
    public static String anyOf(Column c, Collection<String> values) {
        return c.quoted() + " =~ /^("
                + values.stream()
                        .map(v -> v.replaceAll("([\\\\.^$|?*+()\\[\\]{}/])", "\\\\$1"))
                        .collect(Collectors.joining("|"))
                + ")$/";
    }

    /** {@code SELECT * FROM "measurement"}. */
    public static String selectAll(Measurement m) {
        return "SELECT * FROM " + m.quoted();
    }

    /** {@code SELECT count("column") FROM "measurement"}: how many points have the field. */
    public static String count(Column c) {
        return "SELECT count(" + c.quoted() + ") FROM \"" + c.measurement() + "\"";
    }

    /** {@code SELECT "a", "b" FROM "measurement"}; every column must be the measurement's own. */
    public static String select(Measurement m, Column... columns) {
        for (Column c : columns) {
            m.indexOf(c);
        }
        return "SELECT " + Arrays.stream(columns).map(Column::quoted).collect(Collectors.joining(", ")) + " FROM "
                + m.quoted();
    }
}
