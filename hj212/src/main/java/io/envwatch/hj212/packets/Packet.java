package io.envwatch.hj212.packets;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One HJ 212-2017 packet, its data segment's fields read: {@code QN} (the request's time stamp, its
 * identity), {@code ST} (the system: 21 surface water, 22 ambient air, 23 noise, 31 air pollution
 * source, 32 surface-water pollution source, 91 system interaction), {@code CN} (the command),
 * {@code PW} (the password), {@code MN} (the data logger), {@code Flag}, {@code PNUM}/{@code PNO} for
 * a split packet, and {@code CP}, the command's parameters between {@code &&} and {@code &&}.
 *
 * @param qn null when the packet has none
 */
public record Packet(
        String qn, String st, String cn, String pw, String mn, int flag, Integer pnum, Integer pno, Cp cp) {
    /** The longest data segment the standard allows; longer content is split over packets. */
    public static final int MAX_DATA_SEGMENT = 1024;

    /** Flag bit A: the sender wants an answer (a data response, 9014, for data). */
    public static final int ANSWER = 1;
    /** Flag bit D: a split packet, with PNUM and PNO. */
    public static final int SPLIT = 2;
    /** Flag's version bits (V5..V0, above A and D) for HJ 212-2017; 0 is HJ/T 212-2005. */
    public static final int VERSION_2017 = 1 << 2;

    private static final Pattern QN = Pattern.compile("\\d{17}");
    private static final Pattern CODE = Pattern.compile("\\d{1,5}");
    /** What a header field's value may hold: printable ASCII without the separators. */
    private static final Pattern VALUE = Pattern.compile("[\\x21-\\x7E&&[^;=&,]]{0,64}");

    public Packet {
        if (qn != null && !QN.matcher(qn).matches()) {
            throw new PacketException("bad-field", "QN must be 17 digits (yyyyMMddHHmmssSSS), not " + qn);
        }
        for (String[] f : new String[][] {{"ST", st}, {"CN", cn}}) {
            if (f[1] == null || !CODE.matcher(f[1]).matches()) {
                throw new PacketException("bad-field", f[0] + " must be a numeric code, not " + f[1]);
            }
        }
        for (String[] f : new String[][] {{"PW", pw}, {"MN", mn}}) {
            if (f[1] == null || !VALUE.matcher(f[1]).matches() || f[1].isEmpty()) {
                throw new PacketException("bad-field", f[0] + " is missing or holds what no field may");
            }
        }
        if (flag < 0 || flag > 255) {
            throw new PacketException("bad-field", "Flag must be 0 to 255, not " + flag);
        }
        if (((flag & SPLIT) != 0) != (pnum != null && pno != null)) {
            throw new PacketException("bad-field", "a split packet (Flag bit D) has PNUM and PNO, and only it");
        }
        if (pnum != null && (pnum < 1 || pno < 1 || pno > pnum)) {
            throw new PacketException("bad-field", "PNO must be 1 to PNUM");
        }
    }

    public boolean answerWanted() {
        return (flag & ANSWER) != 0;
    }

    public boolean split() {
        return (flag & SPLIT) != 0;
    }

    /** The standard the sender speaks: 0 HJ/T 212-2005, 1 HJ 212-2017. */
    public int version() {
        return flag >>> 2;
    }

    /**
     * Reads a data segment ({@code QN=...;ST=...;...;CP=&&...&&}).
     *
     * @throws PacketException naming what is wrong
     */
    public static Packet parse(String dataSegment) {
        int cp = dataSegment.indexOf("CP=&&");
        if (cp < 0 || !dataSegment.endsWith("&&") || dataSegment.length() < cp + 7) {
            throw new PacketException("bad-field", "the data segment must end with CP=&&…&&");
        }
        if (cp > 0 && dataSegment.charAt(cp - 1) != ';') {
            throw new PacketException("bad-field", "CP must follow a ';'");
        }
        Map<String, String> header = new LinkedHashMap<>();
        if (cp > 0) {
            for (String field : dataSegment.substring(0, cp - 1).split(";", -1)) {
                int eq = field.indexOf('=');
                if (eq <= 0) {
                    throw new PacketException("bad-field", "a header field must be name=value, not " + shorten(field));
                }
                if (header.put(field.substring(0, eq), field.substring(eq + 1)) != null) {
                    throw new PacketException("bad-field", field.substring(0, eq) + " is given twice");
                }
            }
        }
        for (String name : header.keySet()) {
            if (!Map.of("QN", 0, "ST", 0, "CN", 0, "PW", 0, "MN", 0, "Flag", 0, "PNUM", 0, "PNO", 0)
                    .containsKey(name)) {
                throw new PacketException("bad-field", "unknown header field " + shorten(name));
            }
        }
        return new Packet(
                header.get("QN"),
                header.get("ST"),
                header.get("CN"),
                header.get("PW"),
                header.get("MN"),
                number(header, "Flag", 0),
                header.containsKey("PNUM") ? number(header, "PNUM", 0) : null,
                header.containsKey("PNO") ? number(header, "PNO", 0) : null,
                Cp.parse(dataSegment.substring(cp + 5, dataSegment.length() - 2)));
    }

    private static int number(Map<String, String> header, String name, int absent) {
        String value = header.get(name);
        if (value == null) {
            return absent;
        }
        if (!value.matches("\\d{1,4}")) {
            throw new PacketException("bad-field", name + " must be a number, not " + shorten(value));
        }
        return Integer.parseInt(value);
    }

    /** The data segment, its fields in the standard's order. */
    public String dataSegment() {
        StringBuilder s = new StringBuilder();
        if (qn != null) {
            s.append("QN=").append(qn).append(';');
        }
        s.append("ST=").append(st).append(";CN=").append(cn).append(";PW=").append(pw);
        s.append(";MN=").append(mn).append(";Flag=").append(flag);
        if (pnum != null) {
            s.append(";PNUM=").append(pnum).append(";PNO=").append(pno);
        }
        return s.append(";CP=&&").append(cp.text()).append("&&").toString();
    }

    /** The packet on the wire: {@code ##}, the segment's length, the segment, its CRC, CR LF. */
    public String frame() {
        String segment = dataSegment();
        int length = segment.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_DATA_SEGMENT) {
            throw new PacketException("too-long", "a data segment of " + length + " bytes must be split");
        }
        return "##" + String.format(Locale.ROOT, "%04d", length) + segment + Crc16.hex(segment) + "\r\n";
    }

    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
