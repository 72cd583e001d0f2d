package dev.modelfactory.studio.charts;

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, "Downsampling Time Series for Visual
 * Representation", 2013): keeps the first and last point and, from each of {@code threshold - 2} equal
 * buckets in between, the point that spans the largest triangle with the point kept before it and the
 * average of the next bucket, so peaks and troughs survive. Used for drawing only.
 */
public final class Lttb {

    private Lttb() {
    }

    /**
     * Indices (ascending) of the points of {@code [from, to)} to draw.
     *
     * @param threshold how many points to keep; when the range has no more than that, all of them
     * @throws IllegalArgumentException if {@code threshold < 3} or the range is not within the arrays
     */
    public static int[] select(double[] x, double[] y, int from, int to, int threshold) {
        if (threshold < 3) {
            throw new IllegalArgumentException("threshold: must be >= 3, got " + threshold);
        }
        if (from < 0 || to > Math.min(x.length, y.length) || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is not within " + x.length + " points");
        }
        int n = to - from;
        if (n <= threshold) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = from + i;
            }
            return all;
        }
        int[] out = new int[threshold];
        int kept = 0;
        out[kept++] = from;
        double every = (double) (n - 2) / (threshold - 2);
        int a = from;
        for (int b = 0; b < threshold - 2; b++) {
            // the bucket after this one, averaged
            int nextStart = from + 1 + (int) Math.floor((b + 1) * every);
            int nextEnd = Math.min(from + 1 + (int) Math.floor((b + 2) * every), to);
            if (b == threshold - 3) {
                nextStart = to - 1;
                nextEnd = to;
            }
            double avgX = 0;
            double avgY = 0;
            for (int j = nextStart; j < nextEnd; j++) {
                avgX += x[j];
                avgY += y[j];
            }
            int count = Math.max(1, nextEnd - nextStart);
            avgX /= count;
            avgY /= count;
            int start = from + 1 + (int) Math.floor(b * every);
            int end = from + 1 + (int) Math.floor((b + 1) * every);
            double ax = x[a];
            double ay = y[a];
            double best = -1;
            int pick = start;
            for (int j = start; j < end; j++) {
                double area = Math.abs((ax - avgX) * (y[j] - ay) - (ax - x[j]) * (avgY - ay));
                if (area > best) {
                    best = area;
                    pick = j;
                }
            }
            out[kept++] = pick;
            a = pick;
        }
        out[kept] = to - 1;
        return out;
    }
}
