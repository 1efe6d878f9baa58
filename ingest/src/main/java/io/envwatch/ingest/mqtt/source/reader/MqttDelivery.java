package io.envwatch.ingest.mqtt.source.reader;

import java.nio.charset.StandardCharsets;

/**
 * A message as received, with what is needed to acknowledge it later: the session, the packet id
 * and the connection epoch it arrived on. Packet ids are only meaningful on their connection.
 */
record MqttDelivery(String clientId, long epoch, int messageId, int qos, String topic, byte[] payload, long receivedAt) {

    /**
     * What tells a resent message from another one: a broker resends an unacknowledged message
     * with its original packet id, and cannot give that id to another message until it is
     * acknowledged; the content's hash tells the rare reuse of an id (after an acknowledgement the
     * job sent just before it crashed) from a resend. Packet id in the top 16 bits, a 48-bit FNV-1a
     * hash of topic and payload below.
     */
    long key() {
        long hash = 0xcbf29ce484222325L;
        for (byte b : topic.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ 0xff) * 0x100000001b3L;
        for (byte b : payload) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return ((long) (messageId & 0xffff) << 48) | (hash & 0xffff_ffff_ffffL);
    }
}
