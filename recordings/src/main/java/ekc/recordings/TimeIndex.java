package ekc.recordings;

import java.util.Arrays;

/**
 * Cards by the time they were received, in order of (time, number): two parallel primitive arrays. Cards
 * arrive nearly in time order, so adding is an append; one out of order is inserted in place. Confined to
 * its owner.
 */
final class TimeIndex {

    private long[] times = new long[1024];
    private long[] numbers = new long[1024];
    private int size;

    int size() {
        return size;
    }

    long time(int i) {
        return times[i];
    }

    long number(int i) {
        return numbers[i];
    }

    void add(long time, long number) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
        }
        int at = size;
        if (size > 0 && before(time, number, times[size - 1], numbers[size - 1])) {
            at = firstAtOrAfter(time, number);
            System.arraycopy(times, at, times, at + 1, size - at);
            System.arraycopy(numbers, at, numbers, at + 1, size - at);
        }
        times[at] = time;
        numbers[at] = number;
        size++;
    }

    void remove(long time, long number) {
        int at = firstAtOrAfter(time, number);
        if (at < size && times[at] == time && numbers[at] == number) {
            System.arraycopy(times, at + 1, times, at, size - at - 1);
            System.arraycopy(numbers, at + 1, numbers, at, size - at - 1);
            size--;
        }
    }

    /** The position of the first card received at or after {@code time}. */
    int firstAtOrAfter(long time) {
        return firstAtOrAfter(time, Long.MIN_VALUE);
    }

    private int firstAtOrAfter(long time, long number) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before(times[mid], numbers[mid], time, number)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean before(long t1, long n1, long t2, long n2) {
        return t1 < t2 || (t1 == t2 && n1 < n2);
    }
}
