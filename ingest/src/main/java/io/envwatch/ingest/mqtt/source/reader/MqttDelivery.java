package io.envwatch.ingest.mqtt.source.reader;

import java.nio.charset.StandardCharsets;

/**
 * A message as received, with what is needed to acknowledge it later: the session, the packet id
 * and the connection epoch it arrived on. Packet ids are only meaningful on their connection.
 */
record MqttDelivery(
        String clientId, long epoch, int messageId, int qos, String topic, byte[] payload, long receivedAt) {

    /**
     * What tells a resent message from another one: a broker resends an unacknowledged message
     * with its original packet id, and cannot give that id to another message until it is
     * acknowledged; the content's hash tells the rare reuse of an id (after an acknowledgement the
     * job sent just before it crashed) from a resend. Packet id in the top 16 bits, a 48-bit FNV-1a
     * hash below, of the topic, the payload's length and its first and last 128 bytes: a gateway's
     * batch starts with its first reading's sensor and time, and hashing whole 10-KB payloads of
     * every message a checkpoint holds would stall the snapshot at high rates.
     */
    long key() {
        long hash = 0xcbf29ce484222325L;
        for (byte b : topic.getBytes(StandardCharsets.UTF_8)) {
            hash = fnv(hash, b);
        }
        hash = fnv(
                fnv(fnv(fnv(hash, payload.length >>> 24), payload.length >>> 16), payload.length >>> 8),
                payload.length);
        int head = Math.min(payload.length, ENDS);
        for (int i = 0; i < head; i++) {
            hash = fnv(hash, payload[i]);
        }
        for (int i = Math.max(head, payload.length - ENDS); i < payload.length; i++) {
            hash = fnv(hash, payload[i]);
        }
        return ((long) (messageId & 0xffff) << 48) | (hash & 0xffff_ffff_ffffL);
    }

    private static final int ENDS = 128;

    private static long fnv(long hash, int b) {
        return (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
}
