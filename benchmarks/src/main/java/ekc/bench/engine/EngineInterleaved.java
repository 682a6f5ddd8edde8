package ekc.bench.engine;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Old against new without the machine's drift: two builds of the engine in one JVM, each in its own class
 * loader (its own classes, JIT code and state), run alternately in slices of {@code sliceMs}, and the
 * ratio B/A taken per pair of neighbouring slices. On this shared VM decisions/s jump between two levels
 * (≈ 15 M and ≈ 8 M) for tens of seconds at a time, whichever code runs, which JMH runs one after the
 * other cannot cancel. The loader made second ran ≈ 5–9 % slower in an A/A run, so run both orders
 * (A/B and B/A) and take sqrt(ratio AB / ratio BA). See BENCHMARKS.md.
 *
 * <p>Args: {@code classpathA classpathB warmupSeconds measureSeconds sliceMs}; each class path holds a
 * build's benchmark classes (with {@link Stepper}) and engine jars, and this class is run from either.
 */
public final class EngineInterleaved {
    public static void main(String[] a) throws Exception {
        LongUnaryOperator[] s = {load(a[0]), load(a[1])};
        long warm = Long.parseLong(a[2]) * 1_000_000_000L;
        long meas = Long.parseLong(a[3]) * 1_000_000_000L;
        long slice = Long.parseLong(a[4]) * 1_000_000L;
        long sink = 0;
        List<double[]> pairs = new ArrayList<>();
        long start = System.nanoTime();
        int first = 0;
        while (System.nanoTime() - start < warm + meas) {
            double[] r = new double[2];
            for (int k = 0; k < 2; k++) {
                int v = (first + k) & 1; // alternate which goes first
                long n = 0, t0 = System.nanoTime(), t;
                do {
                    sink += s[v].applyAsLong(20_000);
                    n += 20_000;
                    t = System.nanoTime();
                } while (t - t0 < slice);
                r[v] = n * 1e3 / (t - t0); // M steps/s
            }
            first ^= 1;
            if (System.nanoTime() - start >= warm) {
                pairs.add(r);
            }
        }
        double[] ratio = new double[pairs.size()];
        double[] ra = new double[pairs.size()], rb = new double[pairs.size()];
        double sa = 0, sb = 0;
        for (int i = 0; i < ratio.length; i++) {
            ra[i] = pairs.get(i)[0];
            rb[i] = pairs.get(i)[1];
            ratio[i] = rb[i] / ra[i];
            sa += ra[i];
            sb += rb[i];
        }
        Arrays.sort(ratio);
        Arrays.sort(ra);
        Arrays.sort(rb);
        int n = ratio.length;
        System.out.printf("pairs %d  A mean %.3f median %.3f  B mean %.3f median %.3f M/s  B/A median %.4f (p10 %.4f, p90 %.4f)  [%d]%n",
                n, sa / n, ra[n / 2], sb / n, rb[n / 2], ratio[n / 2], ratio[n / 10], ratio[n * 9 / 10], sink & 1);
    }

    private static LongUnaryOperator load(String cp) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String p : cp.split(":")) {
            urls.add(new File(p).toURI().toURL());
        }
        URLClassLoader l = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        return (LongUnaryOperator) l.loadClass("ekc.bench.engine.Stepper").getDeclaredConstructor().newInstance();
    }
}
