package io.envwatch.alerting.notifications;

/**
 * How long an SMS may be. A message in the GSM 7-bit alphabet fits 160 characters in one segment
 * (153 each when split); one with any other character, Chinese among them, is sent as UCS-2 and
 * fits 70 (67 each when split). A message that would take more segments than allowed is cut, with
 * an ellipsis, before its tail (the console link), which is kept whole.
 */
public final class SmsText {
    private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private SmsText() {}

    /** Whether every character is in the GSM 7-bit default alphabet. */
    public static boolean gsm7(String text) {
        return text.chars().allMatch(c -> GSM7.indexOf(c) >= 0);
    }

    /** How many segments a text takes. */
    public static int segments(String text) {
        int length = text.codePointCount(0, text.length());
        boolean gsm = gsm7(text);
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        return length <= single ? 1 : (length + part - 1) / part;
    }

    /** The longest characters a text of this alphabet may have in {@code segments} segments. */
    static int capacity(boolean gsm, int segments) {
        return segments <= 1 ? (gsm ? 160 : 70) : segments * (gsm ? 153 : 67);
    }

    /** {@code head} cut as needed, then {@code tail} whole, within {@code segments} segments. */
    public static String fit(String head, String tail, int segments) {
        String whole = head + tail;
        if (segments(whole) <= segments) {
            return whole;
        }
        boolean gsm = gsm7(whole);
        // An ellipsis outside the 7-bit alphabet would turn the whole message into UCS-2.
        String ellipsis = gsm ? "..." : "…";
        int room = capacity(gsm, segments) - tail.codePointCount(0, tail.length()) - ellipsis.length();
        if (room <= 0) {
            return tail.strip();
        }
        int end = head.offsetByCodePoints(0, Math.min(room, head.codePointCount(0, head.length())));
        return head.substring(0, end) + ellipsis + tail;
    }
}
