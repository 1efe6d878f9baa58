package io.envwatch.alerting.alerts;

import io.envwatch.alerting.store.InfluxWrites;
import io.envwatch.district.registry.Building;
import io.envwatch.district.registry.Registry;
import io.envwatch.district.registry.Site;
import io.envwatch.district.schema.AlertStatePoint;
import io.envwatch.district.schema.BuildingPoint;
import io.envwatch.district.schema.SiteStatusPoint;
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
        try {
            writes.writeAll(lines);
        } catch (RuntimeException e) {
            LOG.warn(
                    "the district's sites, buildings and alert states not stored (each alert's next change writes "
                            + "its own again): {}",
                    e.getMessage());
        }
    }

    @Override
    public void changed(Alert alert, AlertEvent event) {
        List<String> lines = new ArrayList<>();
        lines.add(alertState(alert));
        registry.site(alert.incident().site())
                .ifPresent(s -> lines.add(siteStatus(s, book.activeBySite().getOrDefault(s.id(), List.of()))));
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
        Optional<Alert.Deadline> deadline = book.deadlineOf(a);
        double minutesToScene = Double.NaN;
        Boolean onSceneInTime = null;
        if (a.acknowledgedAt() > 0 && a.onSceneAt() > 0) {
            minutesToScene = (a.onSceneAt() - a.acknowledgedAt()) / 60_000.0;
            onSceneInTime = minutesToScene <= book.onSceneWithin().toMillis() / 60_000.0;
        } else if (a.breaches().contains(Alert.Deadline.ON_SCENE)) {
            onSceneInTime = false;
        }
        return new AlertStatePoint(
                        i.town(),
                        i.team(),
                        i.kind(),
                        i.site(),
                        a.id(),
                        a.state().wireName(),
                        a.severity(),
                        Severities.rank(a.severity()) + 1,
                        !a.state().isClosed(),
                        i.quantity(),
                        i.peak(),
                        i.limit(),
                        a.openedAt(),
                        deadline.map(Alert.Deadline::name).orElse(""),
                        deadline.map(Alert.Deadline::at).orElse(0L),
                        a.acknowledgedBy(),
                        minutesToScene,
                        onSceneInTime,
                        a.escalations(),
                        String.join(",", a.breaches()),
                        a.reopenCount(),
                        i.repeatCase(),
                        a.history().get(0).timeNanos())
                .toLine();
    }

    /** @param open the site's alerts still being worked */
    String siteStatus(Site s, List<Alert> open) {
        int worst = Severities.worstRank(open);
        return new SiteStatusPoint(
                        s.id(),
                        s.town(),
                        s.name(),
                        s.lat(),
                        s.lon(),
                        open.size(),
                        worst,
                        worst == 0 ? "ok" : Severities.LEVELS.get(worst - 1),
                        clock.millis() * 1_000_000L)
                .toLine();
    }

    String building(Building b) {
        return new BuildingPoint(b.id(), b.town(), b.name(), b.lat(), b.lon(), clock.millis() * 1_000_000L).toLine();
    }
}
