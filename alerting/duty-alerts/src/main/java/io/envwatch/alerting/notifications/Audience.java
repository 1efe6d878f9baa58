package io.envwatch.alerting.notifications;

/**
 * Who a notification is for: the city duty room (every alert it answers for), a town's duty room
 * (its towns' alerts, first), the duty leader (escalations), one enforcement team (the alerts of
 * its towns) or one leader by name (the ledger cases escalated to them).
 *
 * @param name the team id for a team audience, the leader's name for a leader audience, the room's
 *     id for a town duty room, else null
 */
public record Audience(String kind, String name) {
    public static final Audience DUTY_ROOM = new Audience("duty-room", null);
    public static final Audience DUTY_LEADER = new Audience("duty-leader", null);

    public static Audience team(String team) {
        return new Audience("team", team);
    }

    /** A town's duty room. */
    public static Audience room(String roomId) {
        return new Audience("duty-room", roomId);
    }

    public static Audience leader(String name) {
        return new Audience("leader", name);
    }

    /** The team of a team audience, else null. */
    public String team() {
        return "team".equals(kind) ? name : null;
    }

    /** The town duty room of a room audience, else null (the city duty room has none). */
    public String room() {
        return "duty-room".equals(kind) ? name : null;
    }

    /** The leader of a leader audience, else null. */
    public String leader() {
        return "leader".equals(kind) ? name : null;
    }

    /** {@code duty-room}, {@code duty-room:<room>}, {@code duty-leader}, {@code team:<team id>} or {@code leader:<name>}. */
    public static Audience parse(String text) {
        if ("duty-room".equals(text)) {
            return DUTY_ROOM;
        }
        if ("duty-leader".equals(text)) {
            return DUTY_LEADER;
        }
        if (text.startsWith("duty-room:") && text.length() > 10) {
            return room(text.substring(10));
        }
        if (text.startsWith("team:") && text.length() > 5) {
            return team(text.substring(5));
        }
        if (text.startsWith("leader:") && text.length() > 7) {
            return leader(text.substring(7));
        }
        throw new IllegalArgumentException(
                "audience must be duty-room, duty-room:<town room id>, duty-leader, team:<team id> or leader:<name>, not "
                        + text);
    }

    @Override
    public String toString() {
        return name == null ? kind : kind + ":" + name;
    }
}
