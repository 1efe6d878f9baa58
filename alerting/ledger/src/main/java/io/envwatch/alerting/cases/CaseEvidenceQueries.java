package io.envwatch.alerting.cases;

import io.envwatch.district.registry.Registry;
import io.envwatch.district.schema.ComplaintPoint;
import io.envwatch.district.schema.IncidentPoint;
import io.envwatch.district.schema.InfluxQl;
import io.envwatch.district.schema.InfluxQlRows;
import io.envwatch.district.schema.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the job stored about a case's source: its last exceedance (the end of its latest incident)
 * and its last corroborated complaint (one the source's exceedance corroborated, or one about the
 * building when the source is a place). Blocking: call it from a worker or the ledger's thread.
 */
public final class CaseEvidenceQueries {
    /** Sources reach a query only when they look like registry ids. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final InfluxQlRows reads;
    private final Registry registry;

    public CaseEvidenceQueries(InfluxQlRows reads, Registry registry) {
        this.reads = reads;
        this.registry = registry;
    }

    /** The industry of a source that is a registry site, or null. */
    public String industryOf(String source) {
        return registry.site(source).map(s -> s.industry()).orElse(null);
    }

    /** The village or community the source lies in, or null. */
    public String villageOf(String source) {
        return registry.villageOf(source).map(v -> v.id()).orElse(null);
    }

    public CaseBook.Evidence of(String source) {
        if (!SAFE.matcher(source).matches()) {
            return new CaseBook.Evidence(0, 0);
        }
        long lastExceedance = 0;
        if (registry.site(source).isPresent()) {
            for (Row row : reads.rows("SELECT max(" + IncidentPoint.END.quoted() + ") AS " + IncidentPoint.END.quoted()
                    + " FROM " + IncidentPoint.MEASUREMENT.quoted() + " WHERE " + IncidentPoint.SITE.is(source))) {
                lastExceedance = Math.max(lastExceedance, row.integer(IncidentPoint.END, 0));
            }
        }
        long lastComplaint = 0;
        for (Row row : reads.rows(InfluxQl.select(ComplaintPoint.MEASUREMENT, ComplaintPoint.ID) + " WHERE "
                + ComplaintPoint.CORROBORATED.quoted() + " = 1 AND " + about(source) + " ORDER BY time DESC LIMIT 1")) {
            lastComplaint = row.time().toEpochMilli();
        }
        return new CaseBook.Evidence(lastExceedance, lastComplaint);
    }

    /** A corroborated complaint since {@code since}, with the source it speaks for. */
    public record Corroborated(String id, String source, long at) {}

    /** Corroborated complaints observed since {@code since}, one entry per site that exceeded (or the building). */
    public List<Corroborated> corroboratedSince(Instant since) {
        List<Corroborated> out = new ArrayList<>();
        for (Row row : reads.rows(InfluxQl.select(
                        ComplaintPoint.MEASUREMENT,
                        ComplaintPoint.ID,
                        ComplaintPoint.EXCEEDED_SITES,
                        ComplaintPoint.BUILDING)
                + " WHERE " + ComplaintPoint.CORROBORATED.quoted()
                + " = 1 AND time >= " + InfluxQl.literal(since))) {
            long at = row.time().toEpochMilli();
            String id = row.text(ComplaintPoint.ID);
            for (String site : row.list(ComplaintPoint.EXCEEDED_SITES, ",")) {
                out.add(new Corroborated(id, site, at));
            }
            String building = row.text(ComplaintPoint.BUILDING);
            if (building != null && !building.isEmpty()) {
                out.add(new Corroborated(id, building, at));
            }
        }
        return out;
    }

    private String about(String source) {
        if (registry.site(source).isPresent()) {
            // SAFE leaves only '.' to escape in the regular expression.
            return ComplaintPoint.EXCEEDED_SITES.quoted() + " =~ /(^|,)" + source.replace(".", "\\.") + "(,|$)/";
        }
        return ComplaintPoint.BUILDING.is(source);
    }
}
