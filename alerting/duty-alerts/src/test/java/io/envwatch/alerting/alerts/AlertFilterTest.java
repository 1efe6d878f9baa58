package io.envwatch.alerting.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.envwatch.alerting.staff.Role;
import io.envwatch.alerting.staff.Staff;
import io.envwatch.district.InvalidField;
import io.envwatch.district.language.Language;
import io.envwatch.district.language.Voice;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.RegistryLoader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The alert list's filters: what each parameter accepts, what it refuses naming itself, what it keeps. */
class AlertFilterTest {
    private static final Registry REGISTRY = RegistryLoader.sample();
    private static final Instant NOW = Instant.parse("2026-12-06T16:00:00Z");
    private static final long T = NOW.toEpochMilli();
    private final AlertBook book = new AlertBook(
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            new Voice(Language.EN, ZoneId.of("Asia/Shanghai")));
    private long clockNs;

    private static AlertFilter parse(Map<String, String> params) {
        return AlertFilter.parse(params::get, REGISTRY, NOW);
    }

    private static String refusedField(Map<String, String> params) {
        try {
            parse(params);
        } catch (InvalidField e) {
            return e.field();
        }
        throw new AssertionError("accepted " + params);
    }

    private void open(String id, String town, String kind, long at) {
        IncidentSnapshot s = new IncidentSnapshot(
                id,
                kind,
                "S-" + id,
                town,
                "team-" + town,
                "noise",
                70,
                70,
                55,
                "night",
                "HIGH",
                List.of(),
                List.of(),
                at,
                true,
                null);
        book.onIncident(s, at).forEach(d -> {
            clockNs = Math.max(clockNs + 1, at * 1_000_000L);
            book.apply(d.at(clockNs));
        });
    }

    @Test
    void withoutParametersTheLastSevenDaysUpToAHundred() {
        AlertFilter f = parse(Map.of());
        assertThat(f.since()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(f.limit()).isEqualTo(100);
        assertThat(parse(Map.of("state", "active")).since())
                .as("active alerts show however old")
                .isEqualTo(Instant.EPOCH);
    }

    @Test
    void eachBadParameterIsRefusedNamingItself() {
        assertThat(refusedField(Map.of("state", "sleeping"))).isEqualTo("state");
        assertThat(refusedField(Map.of("town", "atlantis"))).isEqualTo("town");
        assertThat(refusedField(Map.of("kind", "Noise LAeq"))).isEqualTo("kind");
        assertThat(refusedField(Map.of("since", "yesterday"))).isEqualTo("since");
        assertThat(refusedField(Map.of("limit", "ten"))).isEqualTo("limit");
        assertThat(refusedField(Map.of("limit", "0"))).isEqualTo("limit");
        assertThat(refusedField(Map.of("limit", "1001"))).isEqualTo("limit");
        assertThat(parse(Map.of("limit", "1000")).limit()).isEqualTo(1000);
    }

    @Test
    void townKindStateAndSinceEachNarrowTheList() {
        open("a", "fenggang", "noise-laeq-1m", T - Duration.ofDays(10).toMillis());
        open("c", "tangxia", "noise-laeq-1m", T - Duration.ofHours(2).toMillis());
        open("b", "fenggang", "odour-boundary", T - Duration.ofHours(1).toMillis());
        book.apply(book.onCommand(
                        "c",
                        new Command(AlertAction.ACKNOWLEDGED, null, null),
                        new Staff("officer", Role.DUTY_OFFICER, null, Set.of(), "x"))
                .at(T * 1_000_000L));

        assertThat(book.find(parse(Map.of()))).extracting(Alert::id).containsExactlyInAnyOrder("b", "c");
        assertThat(book.find(parse(Map.of("state", "active"))))
                .extracting(Alert::id)
                .containsExactlyInAnyOrder("a", "b", "c");
        assertThat(book.find(parse(Map.of("town", "fenggang", "state", "active"))))
                .extracting(Alert::id)
                .containsExactlyInAnyOrder("a", "b");
        assertThat(book.find(parse(Map.of("kind", "noise-laeq-1m"))))
                .extracting(Alert::id)
                .containsExactly("c");
        assertThat(book.find(parse(Map.of("state", "acknowledged"))))
                .extracting(Alert::id)
                .containsExactly("c");
        assertThat(book.find(parse(Map.of("limit", "1")))).hasSize(1);
    }
}
