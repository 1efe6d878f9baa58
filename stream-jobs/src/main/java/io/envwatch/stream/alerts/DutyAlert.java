package io.envwatch.stream.alerts;

import io.envwatch.stream.incidents.Incident;

/**
 * A duty alert as the job emits it: one per incident, identified deterministically by its site,
 * kind and opening time, re-emitted (not duplicated) when it changes. A Flink POJO.
 */
public class DutyAlert {
    public String id;
    public String kind;
    public String state;
    public String site;
    public String town;
    public String team;
    public String quantity;
    /** The latest value that kept the alert open, and the highest one seen. */
    public double value;

    public double peak;
    public double limit;
    /** "day" or "night" in local time when the alert opened. */
    public String period;

    public long openedAt;
    public long updatedAt;
    public String severity;
    /** Residential buildings in range, nearest first, "id@metres" joined by commas. */
    public String buildings;
    /** Corroborating complaint ids, joined by commas. */
    public String complaints;

    public DutyAlert() {}

    /**
     * The duty alert of an incident: one per incident, same id. Its lifecycle (acknowledged,
     * dispatched, on scene) belongs to the duty service; here it is open, or cleared when the
     * incident ended.
     */
    public static DutyAlert of(Incident incident) {
        DutyAlert a = new DutyAlert();
        a.id = incident.id;
        a.kind = incident.rule;
        a.state = Incident.OPEN.equals(incident.state) ? "open" : "cleared";
        a.site = incident.site;
        a.town = incident.town;
        a.team = incident.team;
        a.quantity = incident.quantity;
        a.value = incident.latest;
        a.peak = incident.peak;
        a.limit = incident.limit;
        a.period = incident.period;
        a.openedAt = incident.start;
        a.updatedAt = incident.end;
        a.severity = incident.severity;
        a.buildings = String.join(",", incident.buildings);
        a.complaints = String.join(",", incident.complaints);
        return a;
    }

    @Override
    public String toString() {
        return id + " " + state + " " + site + " " + quantity + " " + value + "/" + limit + " (peak " + peak + ")";
    }
}
