package io.envwatch.district.schema;

import static io.envwatch.district.schema.Column.Type.FLOAT;

import java.util.List;

/** Which upstream station led a rise at the assessment section, and the facilities near it. */
public record TpAttributionPoint(
        String section,
        String leading,
        double sectionValue,
        double baseline,
        double rise,
        List<String> ranking,
        List<String> suspects,
        long timestamp) {
    public static final Measurement MEASUREMENT = new Measurement(
            "tp_attribution",
            Measurement.Writer.JOB,
            "the upstream attribution of a rise at the section",
            "the section's sample",
            Precision.MS,
            Retention.YEAR);
    public static final Column SECTION = MEASUREMENT.tag("section", "the assessment section's station");
    public static final Column LEADING = MEASUREMENT.text("leading", "the station that led, or empty");
    public static final Column SECTION_VALUE =
            MEASUREMENT.field("section_value", FLOAT, "mg/L", "the section's sample");
    public static final Column BASELINE = MEASUREMENT.field("baseline", FLOAT, "mg/L", "the section before the rise");
    public static final Column RISE = MEASUREMENT.field("rise", FLOAT, "mg/L", "section_value - baseline");
    public static final Column RANKING =
            MEASUREMENT.text("ranking", "station:increase:share:lagMinutes, comma-separated, leader first");
    public static final Column SUSPECTS =
            MEASUREMENT.text("suspects", "facility (industry) @metres, semicolon-separated");

    public String toLine() {
        return MEASUREMENT
                .line(Precision.nanos(timestamp))
                .tag(SECTION, section)
                .field(LEADING, leading)
                .field(SECTION_VALUE, sectionValue)
                .field(BASELINE, baseline)
                .field(RISE, rise)
                .field(RANKING, ranking, ",")
                .field(SUSPECTS, suspects, ";")
                .toLine();
    }

    public static TpAttributionPoint fromRow(Row row) {
        return new TpAttributionPoint(
                row.text(SECTION),
                row.text(LEADING),
                row.numberOrNaN(SECTION_VALUE),
                row.numberOrNaN(BASELINE),
                row.numberOrNaN(RISE),
                row.list(RANKING, ","),
                row.list(SUSPECTS, ";"),
                row.time().toEpochMilli());
    }
}
