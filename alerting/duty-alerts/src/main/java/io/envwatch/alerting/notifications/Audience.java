package io.envwatch.alerting.notifications;

/**
 * Who a notification is for: the duty room (every alert), the duty leader (escalations), one
 * enforcement team (the alerts of its towns) or one leader by name (the ledger cases escalated to
 * them).
 *
 * @param name the team id for a team audience, the leader's name for a leader audience, else null
 */
public record Audience(String kind, String name) {
    public static final Audience DUTY_ROOM = new Audience("duty-room", null);
    public static final Audience DUTY_LEADER = new Audience("duty-leader", null);

    public static Audience team(String team) {
        return new Audience("team", team);
    }

    public static Audience leader(String name) {
        return new Audience("leader", name);
    }

    /** The team of a team audience, else null. */
    public String team() {
        return "team".equals(kind) ? name : null;
    }

    /** The leader of a leader audience, else null. */
    public String leader() {
        return "leader".equals(kind) ? name : null;
    }

    /** {@code duty-room}, {@code duty-leader}, {@code team:<team id>} or {@code leader:<name>}. */
    public static Audience parse(String text) {
        if ("duty-room".equals(text)) {
            return DUTY_ROOM;
        }
        if ("duty-leader".equals(text)) {
            return DUTY_LEADER;
        }
        if (text.startsWith("team:") && text.length() > 5) {
            return team(text.substring(5));
        }
        if (text.startsWith("leader:") && text.length() > 7) {
            return leader(text.substring(7));
        }
        throw new IllegalArgumentException(
                "audience must be duty-room, duty-leader, team:<team id> or leader:<name>, not " + text);
    }

    @Override
    public String toString() {
        return name == null ? kind : kind + ":" + name;
    }
}
