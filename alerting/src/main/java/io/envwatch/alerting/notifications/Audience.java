package io.envwatch.alerting.notifications;

/**
 * Who a notification is for: the duty room (every alert), the duty leader (escalations) or one
 * enforcement team (the alerts of its towns).
 *
 * @param team the team id for a team audience, else null
 */
public record Audience(String kind, String team) {
    public static final Audience DUTY_ROOM = new Audience("duty-room", null);
    public static final Audience DUTY_LEADER = new Audience("duty-leader", null);

    public static Audience team(String team) {
        return new Audience("team", team);
    }

    /** {@code duty-room}, {@code duty-leader} or {@code team:<team id>}. */
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
        throw new IllegalArgumentException("audience must be duty-room, duty-leader or team:<team id>, not " + text);
    }

    @Override
    public String toString() {
        return team == null ? kind : "team:" + team;
    }
}
