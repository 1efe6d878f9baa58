package io.envwatch.hj212.packets;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The check HJ 212-2017 puts after a packet's data segment (its appendix A): a CRC-16 of its own
 * kind, not CRC-16/MODBUS. Each byte is XORed into the register after the register was shifted
 * right by eight (MODBUS XORs it in unshifted), then eight rounds of the reflected polynomial 0xA001
 * follow. It is written as four upper-case hex digits.
 */
public final class Crc16 {
    private Crc16() {}

    public static int of(byte[] data, int offset, int length) {
        int register = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            register = (register >>> 8) ^ (data[i] & 0xFF);
            for (int bit = 0; bit < 8; bit++) {
                boolean low = (register & 1) != 0;
                register >>>= 1;
                if (low) {
                    register ^= 0xA001;
                }
            }
        }
        return register & 0xFFFF;
    }

    /** The four hex digits of a data segment's check, as a packet carries them. */
    public static String hex(String dataSegment) {
        byte[] bytes = dataSegment.getBytes(StandardCharsets.UTF_8);
        return String.format(Locale.ROOT, "%04X", of(bytes, 0, bytes.length));
    }
}
