package io.envwatch.district.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every measurement EnvWatch stores, as one list: what the boards' build checks its queries
 * against (the exported JSON) and what docs/schema.md is generated from.
 */
public final class Schema {
    public static final List<Measurement> MEASUREMENTS = List.of(
            ReadingPoint.MEASUREMENT,
            DeadLetterPoint.MEASUREMENT,
            LateReadingPoint.MEASUREMENT,
            NoiseLaeqPoint.MEASUREMENT,
            OdourIntervalPoint.MEASUREMENT,
            TpClassPoint.MEASUREMENT,
            TpMeanPoint.MEASUREMENT,
            TpDayPoint.MEASUREMENT,
            TpMonthPoint.MEASUREMENT,
            TpAttributionPoint.MEASUREMENT,
            IncidentPoint.MEASUREMENT,
            DutyAlertPoint.MEASUREMENT,
            ComplaintPoint.MEASUREMENT,
            RepeatCasePoint.MEASUREMENT,
            AlertEventPoint.MEASUREMENT,
            AlertStatePoint.MEASUREMENT,
            AlertDeliveryPoint.MEASUREMENT,
            SiteStatusPoint.MEASUREMENT,
            BuildingPoint.MEASUREMENT,
            CaseEventPoint.MEASUREMENT,
            CaseStatePoint.MEASUREMENT,
            TipEventPoint.MEASUREMENT,
            TipStatePoint.MEASUREMENT,
            ComplaintClaimPoint.MEASUREMENT,
            CampaignPoint.MEASUREMENT,
            CampaignProgressPoint.MEASUREMENT,
            RatingPoint.MEASUREMENT,
            ReceptionDayPoint.MEASUREMENT,
            SupervisionEventPoint.MEASUREMENT,
            PatrolCheckInPoint.MEASUREMENT,
            PatrolRoundPoint.MEASUREMENT,
            PatrolFindingPoint.MEASUREMENT);

    private Schema() {}

    public static Optional<Measurement> measurement(String name) {
        return MEASUREMENTS.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public static String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("about", "EnvWatch's InfluxDB schema, exported by io.envwatch.district.schema.Schema; do not edit");
        ArrayNode measurements = root.putArray("measurements");
        for (Measurement m : MEASUREMENTS) {
            ObjectNode node = measurements
                    .addObject()
                    .put("name", m.name())
                    .put("writer", m.writer().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .put("about", m.about())
                    .put("time", m.time())
                    .put("precision", m.precision())
                    .put("retention", m.retention());
            ArrayNode tags = node.putArray("tags");
            ArrayNode fields = node.putArray("fields");
            for (Column c : m.columns()) {
                ObjectNode col = (c.isTag() ? tags : fields).addObject().put("name", c.name());
                if (!c.isTag()) {
                    col.put("type", c.type().name().toLowerCase(Locale.ROOT));
                    col.put("unit", c.unit());
                }
                col.put("about", c.about());
            }
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference tables of docs/schema.md. */
    public static String toMarkdown() {
        StringBuilder md = new StringBuilder("""
                # InfluxDB schema reference

                Generated from `district/.../schema` by `Schema.main` (the build writes it to
                `district/target/schema/`; `SchemaDocTest` fails when this file and the code differ).
                Principles, example queries and the reasons behind them: [influxdb-schema.md](influxdb-schema.md).
                """);
        for (Measurement m : MEASUREMENTS) {
            md.append("\n## `")
                    .append(m.name())
                    .append("`: ")
                    .append(m.about())
                    .append("\n\n")
                    .append("Written by the ")
                    .append(m.writer() == Measurement.Writer.JOB ? "job" : "duty service")
                    .append(". Time: ")
                    .append(m.time())
                    .append(" (")
                    .append(m.precision())
                    .append("). Keep at least ")
                    .append(m.retention())
                    .append(".\n\n")
                    .append("| | name | type | unit | notes |\n|---|---|---|---|---|\n");
            for (Column c : m.columns()) {
                md.append("| ")
                        .append(c.isTag() ? "tag" : "field")
                        .append(" | `")
                        .append(c.name())
                        .append("` | ")
                        .append(c.isTag() ? "" : c.type().name().toLowerCase(Locale.ROOT))
                        .append(" | ")
                        .append(c.unit())
                        .append(" | ")
                        .append(c.about().replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** Writes {@code envwatch-schema.json} and {@code schema.md} into the folder given. */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/schema");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("envwatch-schema.json"), toJson());
        Files.writeString(folder.resolve("schema.md"), toMarkdown());
    }
}
