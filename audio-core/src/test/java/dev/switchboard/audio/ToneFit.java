package dev.switchboard.audio;

/**
 * Joint least-squares fit of sinusoids, as defined in shared/audio-vectors/README.md (METRICS):
 * y[m] ≈ Σ a_f·cos(2πf·m/fs) + b_f·sin(2πf·m/fs) over a window, amplitude √(a²+b²), phase
 * atan2(a, b) so that each component is A·sin(2πf·t + φ) with t = m/fs on the absolute time line.
 */
final class ToneFit {
    final double[] amplitude;
    final double[] phase;

    private ToneFit(double[] amplitude, double[] phase) {
        this.amplitude = amplitude;
        this.phase = phase;
    }

    /** Fits frequencies {@code hz} to {@code y[from…to)} sampled at {@code fs}. */
    static ToneFit fit(short[] y, int from, int to, double fs, double... hz) {
        int k = 2 * hz.length;
        double[][] ata = new double[k][k];
        double[] aty = new double[k];
        double[] row = new double[k];
        for (int m = from; m < to; m++) {
            for (int j = 0; j < hz.length; j++) {
                double w = 2 * Math.PI * hz[j] * m / fs;
                row[2 * j] = Math.cos(w);
                row[2 * j + 1] = Math.sin(w);
            }
            for (int r = 0; r < k; r++) {
                aty[r] += row[r] * y[m];
                for (int c = 0; c < k; c++) {
                    ata[r][c] += row[r] * row[c];
                }
            }
        }
        double[] sol = solve(ata, aty);
        double[] amp = new double[hz.length];
        double[] ph = new double[hz.length];
        for (int j = 0; j < hz.length; j++) {
            double a = sol[2 * j];
            double b = sol[2 * j + 1];
            amp[j] = Math.hypot(a, b);
            ph[j] = Math.atan2(a, b);
        }
        return new ToneFit(amp, ph);
    }

    // Gaussian elimination with partial pivoting; k ≤ 8.
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tr = a[col];
            a[col] = a[pivot];
            a[pivot] = tr;
            double tb = b[col];
            b[col] = b[pivot];
            b[pivot] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
