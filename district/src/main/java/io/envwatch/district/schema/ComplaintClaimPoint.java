package io.envwatch.district.schema;

/**
 * The salted hash of the claim code a complainant was given, so that with the code (and nothing
 * else: no phone number is ever kept) they can follow their complaint.
 */
public record ComplaintClaimPoint(String complaint, String claimHash, long timeNanos) {
    public static final Measurement MEASUREMENT = new Measurement(
            "complaint_claim",
            Measurement.Writer.DUTY_SERVICE,
            "the claim code's salted hash for a complaint",
            "when the complaint was accepted",
            Precision.NS,
            "as long as complaints: a complainant may follow theirs that long");
    public static final Column COMPLAINT = MEASUREMENT.text("complaint", "the complaint id");
    public static final Column CLAIM_HASH = MEASUREMENT.text("claim_hash", "PBKDF2 salted hash of the claim code");

    public String toLine() {
        return MEASUREMENT
                .line(timeNanos)
                .field(COMPLAINT, complaint)
                .field(CLAIM_HASH, claimHash)
                .toLine();
    }

    public static ComplaintClaimPoint fromRow(Row row) {
        return new ComplaintClaimPoint(
                row.text(COMPLAINT), row.text(CLAIM_HASH), row.time().toEpochMilli() * 1_000_000L);
    }
}
