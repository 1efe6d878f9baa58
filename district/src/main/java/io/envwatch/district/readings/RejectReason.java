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
    CONFLICTING_DUPLICATE,
    /** HJ 212 gateway: a packet whose length field does not match, or is no four digits. */
    HJ212_BAD_LENGTH,
    /** HJ 212 gateway: a data segment over the standard's 1024 characters. */
    HJ212_TOO_LONG,
    /** HJ 212 gateway: the packet's CRC does not match its data segment. */
    HJ212_BAD_CRC,
    /** HJ 212 gateway: a header field missing, repeated, unknown or malformed. */
    HJ212_BAD_FIELD,
    /** HJ 212 gateway: bytes outside any packet. */
    HJ212_GARBAGE,
    /** HJ 212 gateway: an MN no registry logger has. */
    HJ212_UNKNOWN_MN,
    /** HJ 212 gateway: the PW does not match the logger's. */
    HJ212_BAD_PASSWORD,
    /** HJ 212 gateway: a data packet without a readable DataTime, so none of its values has a time. */
    HJ212_BAD_DATA_TIME,
    /** HJ 212 gateway: a pollutant code the logger's registry entry does not map to a quantity. */
    HJ212_UNKNOWN_CODE,
    /** HJ 212 gateway: a value that is no number, in a unit its quantity does not come in, or with an unknown flag. */
    HJ212_BAD_VALUE,
    /** HJ 212 gateway: a command the gateway does not take. */
    HJ212_UNSUPPORTED_COMMAND,
    /** A sender's dead letters beyond its rate: counted by reason in the detail. */
    TOO_MANY_REFUSALS
}
