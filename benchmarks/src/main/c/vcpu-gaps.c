/*
 * How long this machine takes a CPU away from a thread that wants it all the time.
 *
 *   vcpu-gaps spin SECONDS      read the monotonic clock in a tight loop; every gap over 50 us between two reads
 *                               is time the thread did not run (another thread, an interrupt, or the hypervisor
 *                               running something else on this vCPU); prints the gaps by length
 *   vcpu-gaps load SECONDS PCT  keep a CPU PCT % busy (spin PCT % of every 10 ms, sleep the rest)
 *
 * Pin each with taskset to see one vCPU alone (benchmarks/vcpu-gaps.sh runs the cases). A 20 ms media clock
 * cannot be steadier than the CPU it runs on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int spin(double seconds) {
    static const long long edges[] = {100000, 500000, 1000000, 2000000, 5000000, 10000000, 20000000};
    static const char *names[] = {"0.05-0.1", "0.1-0.5", "0.5-1", "1-2", "2-5", "5-10", "10-20", ">20"};
    long long counts[8] = {0}, lost = 0, max = 0;
    long long end = now() + (long long) (seconds * 1e9), last = now();
    for (;;) {
        long long t = now(), gap = t - last;
        last = t;
        if (t > end) {
            break;
        }
        if (gap > 50000) {
            int k = 0;
            while (k < 7 && gap >= edges[k]) {
                k++;
            }
            counts[k]++;
            lost += gap;
            if (gap > max) {
                max = gap;
            }
        }
    }
    printf("gaps (ms):");
    for (int k = 0; k < 8; k++) {
        printf(" %s %lld%s", names[k], counts[k], k < 7 ? "," : ";");
    }
    printf(" lost %.1f ms of %.0f s (%.2f %%), longest %.2f ms\n", lost / 1e6, seconds, lost / (seconds * 1e7),
           max / 1e6);
    return 0;
}

static int load(double seconds, int pct) {
    long long end = now() + (long long) (seconds * 1e9);
    while (now() < end) {
        long long start = now();
        while (now() - start < pct * 100000LL) {
        }
        if (pct < 100) {
            usleep((100 - pct) * 100);
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "spin") == 0) {
        return spin(atof(argv[2]));
    }
    if (argc >= 4 && strcmp(argv[1], "load") == 0) {
        return load(atof(argv[2]), atoi(argv[3]));
    }
    fprintf(stderr, "usage: vcpu-gaps spin SECONDS | vcpu-gaps load SECONDS PCT\n");
    return 2;
}
