package io.envwatch.district.schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One row InfluxQL answered (tags, fields and {@code time} as RFC 3339), read column by column
 * through the schema. A column the row lacks reads as null (text), null or NaN (numbers).
 */
public record Row(Map<String, Object> values) {

    public static Row of(Map<String, Object> values) {
        return new Row(values);
    }

    public Instant time() {
        return Instant.parse(String.valueOf(values.get("time")));
    }

    public String text(Column c) {
        Object value = values.get(c.name());
        return value == null ? null : value.toString();
    }

    /** A numeric column, or null when the point has no such field. */
    public Double number(Column c) {
        Object value = values.get(c.name());
        return value == null ? null : value instanceof Number n ? n.doubleValue() : Double.valueOf(value.toString());
    }

    /** A numeric column, or NaN when the point has no such field. */
    public double numberOrNaN(Column c) {
        Double value = number(c);
        return value == null ? Double.NaN : value;
    }

    /** An integer column, or {@code otherwise} when the point has no such field. */
    public long integer(Column c, long otherwise) {
        Double value = number(c);
        return value == null ? otherwise : value.longValue();
    }

    public boolean bool(Column c) {
        return Boolean.parseBoolean(text(c));
    }

    /** A text column holding a list joined by {@code separator}. */
    public List<String> list(Column c, String separator) {
        String text = text(c);
        return text == null || text.isEmpty() ? List.of() : List.of(text.split(Pattern.quote(separator)));
    }
}
