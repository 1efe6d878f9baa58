package io.envwatch.hj212.packets;

/** A packet that cannot be taken, and why: {@code reason} is a dead letter's machine-readable reason. */
public final class PacketException extends IllegalArgumentException {
    private final String reason;

    public PacketException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
