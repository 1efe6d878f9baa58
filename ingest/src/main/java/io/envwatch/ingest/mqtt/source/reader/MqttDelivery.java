package io.envwatch.ingest.mqtt.source.reader;

/**
 * A message as received, with what is needed to acknowledge it later: the session, the packet id
 * and the connection epoch it arrived on. Packet ids are only meaningful on their connection.
 */
record MqttDelivery(String clientId, long epoch, int messageId, int qos, String topic, byte[] payload, long receivedAt) {}
