package io.envwatch.stream.complaints;

import io.envwatch.district.complaints.Complaint;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sensors say about a complaint: corroborated (with the evidence), contradicted (sensors in
 * range were compliant throughout), or not corroborated (no sensor of its kind in range, or none
 * reporting). A Flink POJO.
 */
public class ComplaintOutcome {
    public static final String CORROBORATED = "corroborated";
    public static final String CONTRADICTED = "contradicted";
    public static final String NOT_CORROBORATED = "not-corroborated";

    public Complaint complaint;
    public String outcome;
    public String reason;
    /** Per site, strongest first: "site rule value/limit @metres m". */
    public List<String> evidence = new ArrayList<>();
    /** Sites and rules that exceeded, with the strongest exceeded interval of each ({@link ExceededInterval} as text). */
    public List<String> exceeded = new ArrayList<>();

    public ComplaintOutcome() {}

    /** The {@link #exceeded} entries, read. */
    public List<ExceededInterval> exceededIntervals() {
        return exceeded.stream().map(ExceededInterval::parse).toList();
    }

    public static ComplaintOutcome of(Complaint complaint, String outcome, String reason) {
        ComplaintOutcome o = new ComplaintOutcome();
        o.complaint = complaint;
        o.outcome = outcome;
        o.reason = reason;
        return o;
    }

    @Override
    public String toString() {
        return complaint.id + " " + outcome + " (" + reason + ") " + evidence;
    }
}
