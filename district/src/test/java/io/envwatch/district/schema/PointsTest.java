package io.envwatch.district.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointsTest {

    @Test
    void aPointIsWrittenAsTheSchemaSays() {
        String line = new RepeatCasePoint(
                        "FG-B01",
                        "noise",
                        null,
                        "FG-B01:noise:1",
                        "open",
                        3,
                        2,
                        1_700_000_000_500L,
                        List.of("C-1", "C-2", "C-3"),
                        List.of("FE-N01|noise-laeq-1m"),
                        1_700_000_000_000L)
                .toLine();
        assertThat(line)
                .isEqualTo("repeat_case,category=noise,place=FG-B01,town=unknown complaints=\"C-1,C-2,C-3\","
                        + "corroborated=2i,count=3i,id=\"FG-B01:noise:1\",incidents=\"FE-N01|noise-laeq-1m\","
                        + "last=1700000000500i,merged_into=\"\",state=\"open\" 1700000000000000000");
    }

    @Test
    void aReaderReadsWhatInfluxQlAnswersForThePoint() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", "2023-11-14T22:13:20Z");
        row.put("place", "FG-B01");
        row.put("category", "noise");
        row.put("town", "fenggang");
        row.put("id", "FG-B01:noise:1");
        row.put("state", "open");
        row.put("count", 3);
        row.put("corroborated", 2);
        row.put("last", 1_700_000_000_500L);
        row.put("complaints", "C-1,C-2,C-3");
        row.put("incidents", "");
        RepeatCasePoint read = RepeatCasePoint.fromRow(Row.of(row));
        assertThat(read)
                .isEqualTo(new RepeatCasePoint(
                        "FG-B01",
                        "noise",
                        "fenggang",
                        "FG-B01:noise:1",
                        "open",
                        3,
                        2,
                        1_700_000_000_500L,
                        List.of("C-1", "C-2", "C-3"),
                        List.of(),
                        1_700_000_000_000L));
        assertThat(read.open()).isTrue();
    }

    @Test
    void aNumberInfluxDbCannotStoreIsLeftOutAndReadsBackAsNaN() {
        TpMonthPoint last = new TpMonthPoint(
                "W-QILING",
                "ST-QILING",
                "2026-11",
                180,
                0.27,
                "IV",
                "IV",
                0.3,
                0.03,
                180,
                0,
                0,
                Double.NaN,
                "final",
                false,
                true,
                1_700_000_000_000L);
        assertThat(last.toLine()).doesNotContain("budget=").contains("budget_state=\"final\"");
        assertThat(Row.of(Map.of("time", "2023-11-14T22:13:20Z")).numberOrNaN(TpMonthPoint.BUDGET))
                .isNaN();
    }

    @Test
    void aColumnOfAnotherMeasurementOrOfAnotherTypeIsRefused() {
        assertThatThrownBy(() -> ReadingPoint.MEASUREMENT.line(0).field(DutyAlertPoint.PEAK, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duty_alert.peak is not a column of reading");
        assertThatThrownBy(() -> DutyAlertPoint.MEASUREMENT.line(0).field(DutyAlertPoint.UPDATED_AT, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("updated_at is a FIELD of type INTEGER");
        assertThatThrownBy(() -> DutyAlertPoint.MEASUREMENT.line(0).field(DutyAlertPoint.SITE, "FE-N01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site is a TAG");
    }

    @Test
    void queriesQuoteNamesAndEscapeValues() {
        assertThat(InfluxQl.select(ComplaintPoint.MEASUREMENT, ComplaintPoint.CATEGORY) + " WHERE "
                        + ComplaintPoint.ID.is("C-1' OR '1'='1"))
                .isEqualTo("SELECT \"category\" FROM \"complaint\" WHERE \"id\" = 'C-1\\' OR \\'1\\'=\\'1'");
        assertThatThrownBy(() -> InfluxQl.select(ComplaintPoint.MEASUREMENT, ReadingPoint.VALUE))
                .hasMessageContaining("reading.value is not a column of complaint");
    }

    @Test
    void keysStoredInsideFieldsAreWrittenAndReadByOneType() {
        assertThat(SiteRule.parse(new SiteRule("FE-N01", "noise-laeq-1m").format()))
                .isEqualTo(new SiteRule("FE-N01", "noise-laeq-1m"));
        assertThat(new BuildingInRange("FG-B01", 40.5).format()).isEqualTo("FG-B01@40.5");
        assertThat(BuildingInRange.parse("FG-B01@40.5")).isEqualTo(new BuildingInRange("FG-B01", 40.5));
        assertThatThrownBy(() -> SiteRule.parse("FE-N01")).hasMessageContaining("not site|rule");
    }
}
