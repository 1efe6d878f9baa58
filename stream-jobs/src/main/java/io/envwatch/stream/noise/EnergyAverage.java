package io.envwatch.stream.noise;

import java.math.BigInteger;

/**
 * LAeq as the standards define it: the energy average {@code 10·log10((1/n)·Σ 10^(Li/10))} of the
 * readings in an interval. An arithmetic mean of decibels would understate bursts: alternating 50
 * and 60 dB(A) is 57.4 dB(A), not 55.
 */
public final class EnergyAverage {
    /** The sum's fixed point: 2^-52 is the last bit of a double of at least 1, i.e. a level of at least 0 dB. */
    private static final int FRACTION_BITS = 52;

    private EnergyAverage() {}

    /**
     * Running sum of relative sound energy, count and the loudest single reading. The sum is exact,
     * so the LAeq does not depend on the order the readings came in (a double sum differs in its
     * last bits from one order to another): each term {@code 10^(L/10)} is a double, which for
     * levels from 0 dB up (what validation admits) is a whole multiple of 2^-52, added here as a
     * 192-bit integer in three words. The same exact sum as the BigDecimal this replaced, rounded
     * to a double once at the end, without allocating per reading. A Flink POJO.
     */
    public static class Energy {
        /** The sum in units of 2^-52, least significant word first, unsigned. */
        public long low;

        public long middle;
        public long high;
        public long count;
        public double max = Double.NEGATIVE_INFINITY;

        public Energy() {}

        public void add(double level) {
            addTerm(Math.pow(10, level / 10));
            count++;
            max = Math.max(max, level);
        }

        /** This and the other's readings, as one interval's. */
        public Energy merge(Energy other) {
            addWords(other.low, other.middle, other.high);
            count += other.count;
            max = Math.max(max, other.max);
            return this;
        }

        /**
         * This without the other's readings, which it holds (their loudest stays: a maximum cannot be
         * taken back, and whoever holds them still counts it). Exact, as the sum is.
         */
        public Energy subtract(Energy other) {
            long low0 = low;
            low -= other.low;
            long borrow = Long.compareUnsigned(low0, other.low) < 0 ? 1 : 0;
            long middle0 = middle;
            middle = middle - other.middle - borrow;
            borrow = Long.compareUnsigned(middle0, other.middle) < 0 || borrow == 1 && middle0 == other.middle ? 1 : 0;
            high = high - other.high - borrow;
            count -= other.count;
            return this;
        }

        public double laeq() {
            return 10 * Math.log10(sum() / count);
        }

        /** The exact sum rounded once to the nearest double. */
        double sum() {
            byte[] magnitude = new byte[25]; // a leading zero byte keeps it positive
            for (int i = 0; i < 8; i++) {
                magnitude[1 + i] = (byte) (high >>> (56 - 8 * i));
                magnitude[9 + i] = (byte) (middle >>> (56 - 8 * i));
                magnitude[17 + i] = (byte) (low >>> (56 - 8 * i));
            }
            return Math.scalb(new BigInteger(magnitude).doubleValue(), -FRACTION_BITS);
        }

        private void addTerm(double term) {
            long bits = Double.doubleToRawLongBits(term);
            int exponent = (int) ((bits >>> 52) & 0x7ff);
            long mantissa = bits & 0xf_ffff_ffff_ffffL;
            if (exponent == 0x7ff || bits < 0) {
                throw new IllegalArgumentException("not a finite positive energy: " + term);
            }
            if (exponent != 0) {
                mantissa |= 1L << 52;
            }
            // term = mantissa * 2^(exponent - 1075); in units of 2^-52 that is mantissa * 2^shift.
            int shift = Math.max(exponent, 1) - 1075 + FRACTION_BITS;
            if (shift < 0) {
                // Below 1 (a negative level): the bits under 2^-52 are dropped, the same in any order.
                addWords(mantissa >>> Math.min(-shift, 63), 0, 0);
                return;
            }
            int word = shift / 64;
            int bit = shift % 64;
            long lower = mantissa << bit;
            long upper = bit > 11 ? mantissa >>> (64 - bit) : 0; // a 53-bit mantissa from bit 12 on spills over
            switch (word) {
                case 0 -> addWords(lower, upper, 0);
                case 1 -> addWords(0, lower, upper);
                case 2 -> {
                    if (upper != 0) {
                        throw new IllegalArgumentException("energy beyond 192 bits: " + term);
                    }
                    addWords(0, 0, lower);
                }
                default -> throw new IllegalArgumentException("energy beyond 192 bits: " + term);
            }
        }

        private void addWords(long a, long b, long c) {
            long sumLow = low + a;
            long carry = Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0;
            low = sumLow;
            long sumMiddle = middle + b + carry;
            carry = Long.compareUnsigned(sumMiddle, middle) < 0 || carry == 1 && sumMiddle == middle ? 1 : 0;
            middle = sumMiddle;
            high = high + c + carry;
        }
    }

    public static double laeq(double... levels) {
        Energy e = new Energy();
        for (double level : levels) {
            e.add(level);
        }
        return e.laeq();
    }
}
