package dev.modelfactory.ledger.wallet;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.web3j.crypto.Hash;

/**
 * A small picture that tells addresses apart at a glance: an 8x8 grid, mirrored left to right, with a
 * foreground, a background and an accent colour, all drawn from {@code keccak256} of the lowercase
 * address. The UI draws it; nothing here knows JavaFX.
 *
 * <p>Shape of the data: {@link #cell(int, int)} is 0 (background), 1 (foreground) or 2 (accent). Bytes of
 * the hash: 0..2 foreground hue/saturation/lightness, 3..5 background, 6..8 accent, 9..24 the left half's
 * 32 cells (2 bits each: 0,1 -> background, 2 -> foreground, 3 -> accent).
 *
 * @param address the EIP-55 address it was drawn from
 */
public record Identicon(String address, int[][] cells, int foregroundRgb, int backgroundRgb, int accentRgb) {

    /** Cells per side. */
    public static final int SIZE = 8;

    /** The identicon of {@code address} (any case: the same account gives the same picture). */
    public static Identicon of(String address) {
        String canonical = Addresses.checksum(address);
        byte[] h = Hash.sha3(canonical.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        int[][] cells = new int[SIZE][SIZE];
        for (int row = 0; row < SIZE; row++) {
            for (int col = 0; col < SIZE / 2; col++) {
                int bit = (row * (SIZE / 2) + col) * 2;
                int v = (h[9 + bit / 8] >> (bit % 8)) & 3;
                int cell = v < 2 ? 0 : v - 1;
                cells[row][col] = cell;
                cells[row][SIZE - 1 - col] = cell;
            }
        }
        return new Identicon(canonical, cells, colour(h, 0, 45, 65, 35, 25), colour(h, 3, 15, 20, 92, 6),
                colour(h, 6, 55, 40, 55, 20));
    }

    /** A copy of the grid, [row][column]. */
    @Override
    public int[][] cells() {
        int[][] copy = new int[SIZE][];
        for (int r = 0; r < SIZE; r++) {
            copy[r] = cells[r].clone();
        }
        return copy;
    }

    /** 0 background, 1 foreground, 2 accent. */
    public int cell(int row, int col) {
        return cells[row][col];
    }

    /** An sRGB colour from hue (byte) and saturation/lightness in the given ranges (percent). */
    private static int colour(byte[] h, int at, int satBase, int satSpan, int lightBase, int lightSpan) {
        double hue = (h[at] & 0xff) * 360.0 / 256;
        double s = (satBase + (h[at + 1] & 0xff) * satSpan / 255.0) / 100;
        double l = (lightBase + (h[at + 2] & 0xff) * lightSpan / 255.0) / 100;
        double c = (1 - Math.abs(2 * l - 1)) * s;
        double x = c * (1 - Math.abs((hue / 60) % 2 - 1));
        double m = l - c / 2;
        double r;
        double g;
        double b;
        if (hue < 60) { r = c; g = x; b = 0; }
        else if (hue < 120) { r = x; g = c; b = 0; }
        else if (hue < 180) { r = 0; g = c; b = x; }
        else if (hue < 240) { r = 0; g = x; b = c; }
        else if (hue < 300) { r = x; g = 0; b = c; }
        else { r = c; g = 0; b = x; }
        return (channel(r + m) << 16) | (channel(g + m) << 8) | channel(b + m);
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identicon i && i.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }
}
