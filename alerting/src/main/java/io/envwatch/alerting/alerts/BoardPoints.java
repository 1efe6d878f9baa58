package io.envwatch.alerting.alerts;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.ingest.registry.Building;
import io.envwatch.ingest.registry.Registry;
import io.envwatch.ingest.registry.Site;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Grafana boards read that the events alone cannot give InfluxQL (no "latest event per
 * alert" without a tag per alert): every alert as it now stands ({@code alert_state}, one point per
 * alert, overwritten), each site's position and worst open alert ({@code site_status}) and the
 * residential buildings ({@code building}). Written on the ledger's thread after each event, so
 * the overwrites land in order; a failed write is logged and mended by the next event of that
 * alert. The events remain the record: these points are derived from them.
 */
public final class BoardPoints implements AlertLedger.AlertListener {
    private static final Logger LOG = LoggerFactory.getLogger(BoardPoints.class);

    private final Registry registry;
    private final AlertBook book;
    private final InfluxWrites writes;
    private final Clock clock;

    public BoardPoints(Registry registry, AlertBook book, InfluxWrites writes, Clock clock) {
        this.registry = registry;
        this.book = book;
        this.writes = writes;
        this.clock = clock;
    }

    /** Every site's status and every building, at start-up: the map has its shapes before any alert. */
    public void writeDistrict() {
        List<String> lines = new ArrayList<>();
        Map<String, List<Alert>> open = book.activeBySite();
        registry.sites().forEach(s -> lines.add(siteStatus(s, open.getOrDefault(s.id(), List.of()))));
        registry.buildings().forEach(b -> lines.add(building(b)));
        book.read(b -> b.find(AlertFilter.everything())).forEach(a -> lines.add(alertState(a)));
        write(String.join("\n", lines), "the district's sites and buildings");
    }

    @Override
    public void changed(Alert alert, AlertEvent event) {
        List<String> lines = new ArrayList<>();
        lines.add(alertState(alert));
        registry.site(alert.incident().site()).ifPresent(s -> lines.add(siteStatus(s,
                book.activeBySite().getOrDefault(s.id(), List.of()))));
        write(String.join("\n", lines), "the board points of alert " + alert.id());
    }

    private void write(String lines, String what) {
        try {
            writes.write(lines);
        } catch (RuntimeException e) {
            LOG.warn("{} not stored (the next change writes them again): {}", what, e.getMessage());
        }
    }

    String alertState(Alert a) {
        IncidentSnapshot i = a.incident();
        Point p = Point.measurement("alert_state")
                .addTag("town", i.town())
                .addTag("team", i.team())
                .addTag("kind", i.kind())
                .addTag("site", i.site())
                .addField("alert", a.id())
                .addField("state", a.state().wireName())
                .addField("severity", a.severity())
                .addField("severity_rank", Severities.rank(a.severity()) + 1)
                .addField("active", a.state().isClosed() ? 0 : 1)
                .addField("quantity", i.quantity())
                .addField("opened_at", a.openedAt())
                .addField("escalations", a.escalations())
                .addField("breaches", String.join(",", a.breaches()))
                .addField("reopen_count", a.reopenCount())
                .time(a.history().get(0).timeNs(), WritePrecision.NS);
        AlertEventStore.finite(p, "peak", i.peak());
        AlertEventStore.finite(p, "limit", i.limit());
        Optional<Alert.Deadline> deadline = a.deadline(book.acknowledgeWithin(), book.onSceneWithin());
        p.addField("deadline", deadline.map(Alert.Deadline::name).orElse(""));
        p.addField("deadline_at", deadline.map(Alert.Deadline::at).orElse(0L));
        if (a.acknowledgedBy() != null) {
            p.addField("acknowledged_by", a.acknowledgedBy());
        }
        if (a.acknowledgedAt() > 0 && a.onSceneAt() > 0) {
            double minutes = (a.onSceneAt() - a.acknowledgedAt()) / 60_000.0;
            p.addField("minutes_to_scene", minutes);
            p.addField("on_scene_in_time", minutes <= book.onSceneWithin().toMillis() / 60_000.0 ? 1 : 0);
        } else if (a.breaches().contains(Alert.Deadline.ON_SCENE)) {
            p.addField("on_scene_in_time", 0);
        }
        if (i.repeatCase() != null) {
            p.addField("repeat_case", i.repeatCase());
        }
        return p.toLineProtocol();
    }

    /** @param open the site's alerts still being worked */
    String siteStatus(Site s, List<Alert> open) {
        int worst = Severities.worstRank(open);
        return Point.measurement("site_status")
                .addTag("site", s.id())
                .addTag("town", s.town())
                .addField("name", s.name())
                .addField("lat", s.lat())
                .addField("lon", s.lon())
                .addField("open_alerts", open.size())
                .addField("severity_rank", worst)
                .addField("status", worst == 0 ? "ok" : Severities.LEVELS.get(worst - 1))
                .time(clock.millis() * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }

    String building(Building b) {
        return Point.measurement("building")
                .addTag("building", b.id())
                .addTag("town", b.town())
                .addField("name", b.name())
                .addField("lat", b.lat())
                .addField("lon", b.lon())
                .time(clock.millis() * 1_000_000L, WritePrecision.NS)
                .toLineProtocol();
    }
}
