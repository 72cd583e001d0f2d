package dev.modelfactory.studio.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ticks at "nice" numbers (1, 2, 5 x 10^k) and short number labels. */
public final class ChartFormat {

    private ChartFormat() {
    }

    /** About {@code count} ticks inside [lo, hi] at multiples of a 1/2/5 step. */
    public static List<Double> ticks(double lo, double hi, int count) {
        List<Double> out = new ArrayList<>();
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            return out;
        }
        double raw = (hi - lo) / Math.max(1, count);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10) * mag;
        // A range tiny against its magnitude (1e6 .. 1e6 + 1e-9) gives a step below the values' resolution:
        // t += step would never move, so the loop counts steps instead of adding them, and stops at a bound.
        double first = Math.ceil(lo / step) * step;
        int max = Math.max(1, count) * 4 + 2;
        for (int i = 0; i < max; i++) {
            double t = first + i * step;
            if (t > hi + step * 1e-9) {
                break;
            }
            if (t < lo - step * 1e-9 || (!out.isEmpty() && t == out.getLast())) {
                continue; // rounding put it before the range, or it did not move
            }
            out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return out;
    }

    /** "0.25", "1.234", "12.5k", "3.0e-4": four significant digits at most. */
    public static String compact(double v) {
        double a = Math.abs(v);
        if (v == 0) {
            return "0";
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        if (a < 1e-3) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
