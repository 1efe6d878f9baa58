package io.envwatch.district.readings;

/** Why a message or a reading was refused; the machine-readable half of a dead letter. */
public enum RejectReason {
    /** The whole message: larger than the configured limit. */
    OVERSIZE,
    /** The whole message: not JSON, or not the batch shape. */
    INVALID_JSON,
    /** The whole message: the topic is not envwatch/v1/readings/{gateway}. */
    BAD_TOPIC,
    /** The whole message: a complaint message that is not a valid complaint. */
    INVALID_COMPLAINT,
    /** The whole message: the payload names another gateway than its topic. */
    GATEWAY_MISMATCH,
    MISSING_FIELD,
    WRONG_TYPE,
    UNKNOWN_SENSOR,
    /** The sensor exists but belongs to another gateway: a misconfiguration or a spoof. */
    SENSOR_NOT_ON_GATEWAY,
    UNKNOWN_QUANTITY,
    QUANTITY_NOT_MEASURED_AT_SITE,
    UNKNOWN_UNIT,
    NOT_FINITE,
    OUT_OF_RANGE,
    /** Further ahead than the allowed clock skew. */
    FUTURE_TIMESTAMP,
    /** Unparseable, or before 2000 (a gateway whose clock was never set). */
    BAD_TIMESTAMP,
    /** A flag that is none of HJ 212's (N F M S D C T B). */
    UNKNOWN_FLAG,
    /**
     * The rest of a message whose first {@link ReadingCodec#MAX_DEAD_LETTERS_PER_MESSAGE} readings
     * were refused one by one: one dead letter counts the others by reason.
     */
    TOO_MANY_REJECTED,
    /** A point the job built is larger than InfluxDB takes in one record; stored as this instead. */
    RECORD_TOO_LARGE,
    /**
     * A reading whose site, quantity and timestamp the job has already taken, with another value:
     * the first stays, in storage and in the rules alike; the detail names both values.
     */
    CONFLICTING_DUPLICATE
}
