/*
 * The floor under MediaLoad: the same RTP traffic with nothing but the system calls. N legs, each its own UDP
 * socket on 127.0.0.1 as EKC's legs are, on LOOPS threads (epoll, level-triggered, one recvfrom per readable
 * socket, a timerfd for the 20 ms clock cut into 20 slots of 1 ms, one sendto per leg per 20 ms); a far end on
 * one more thread (2 sockets, sendmmsg per slot, recvmmsg). No jitter buffer, VAD, recording or JVM. What this
 * program's send jitter is at N legs, no Java media engine on this machine can beat.
 *
 *   rtp-floor CALLS SECONDS [LOOPS=2] [WARMUP=5]
 *   rtp-floor far CALLS     only the far end, for MediaLoad (-Dekc.bench.media.farBinary): prints "PORTS p0 p1",
 *                           reads CALLS lines of EKC's RTP ports, sends until "stop"; "reset" clears what it
 *                           measured, "report" prints it (sent, skipped, received, gaps, arrival deviation, CPU)
 *
 * Prints the send-interval deviation from 20 ms at the send call (as MediaServer.sendTiming(): 0.1 ms buckets),
 * the clock's wake-up lateness, packets each way, and the CPU time of each thread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#define SLOTS 20
#define SLOT_NS 1000000LL
#define FRAME_NS 20000000LL
#define BUCKETS 501
#define PAYLOAD 160

static int calls, loops, farOnly;
static long long epoch;
static int *legFd;
static int *legPort;
static int farFd[2], farPort[2];
static int callOfPort[65536];
static atomic_int generation;   /* bumped when the measured window starts; each thread then clears its counts */
static atomic_int running = 1;

static long long now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static double cpuSeconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int bindUdp(int *port) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    int size = 1 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (fd < 0 || bind(fd, (struct sockaddr *) &a, sizeof a) != 0) {
        perror("bind");
        exit(1);
    }
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *) &a, &len);
    *port = ntohs(a.sin_port);
    return fd;
}

static void armAt(int tfd, long long deadline) {
    struct itimerspec it = {0};
    it.it_value.tv_sec = deadline / 1000000000LL;
    it.it_value.tv_nsec = deadline % 1000000000LL;
    timerfd_settime(tfd, TFD_TIMER_ABSTIME, &it, NULL);
}

static void count(long long *h, long long ns) {
    long long b = (ns < 0 ? 0 : ns) / 100000;
    h[b > BUCKETS - 1 ? BUCKETS - 1 : b]++;
}

static double pct(const long long *h, double p) {
    long long total = 0, seen = 0;
    for (int i = 0; i < BUCKETS; i++) total += h[i];
    long long wanted = (long long) (total * p / 100.0 + 0.999999);
    for (int i = 0; i < BUCKETS; i++) {
        seen += h[i];
        if (seen >= wanted && total > 0) return (i + 1) / 10.0;
    }
    return 0;
}

typedef struct {
    int index;
    long long deviation[BUCKETS], lateness[BUCKETS];
    long long received, sent, wakeUps;
    double cpuAtReset, cpu;
} Loop;

static void *runLoop(void *arg) {
    Loop *l = arg;
    int ep = epoll_create1(0);
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (unsigned) -1};
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
    int mine = 0;
    for (int i = l->index; i < calls; i += loops) {
        ev.data.u32 = i;
        epoll_ctl(ep, EPOLL_CTL_ADD, legFd[i], &ev);
        mine++;
    }
    int *slotLegs[SLOTS], slotSize[SLOTS] = {0};
    for (int s = 0; s < SLOTS; s++) slotLegs[s] = malloc(sizeof(int) * (mine / SLOTS + 2));
    for (int i = l->index, k = 0; i < calls; i += loops, k++) {
        int s = k % SLOTS;
        slotLegs[s][slotSize[s]++] = i;
    }
    long long *lastSend = calloc(calls, sizeof(long long));
    unsigned short *seq = calloc(calls, sizeof(unsigned short));
    unsigned char pkt[12 + PAYLOAD], buf[2048];
    memset(pkt, 0xFF, sizeof pkt);
    long long next = 0; /* slots run since the epoch */
    armAt(tfd, epoch);
    int gen = 0;
    struct epoll_event events[256];
    while (atomic_load(&running)) {
        if (atomic_load(&generation) != gen) {
            gen = atomic_load(&generation);
            memset(l->deviation, 0, sizeof l->deviation);
            memset(l->lateness, 0, sizeof l->lateness);
            l->received = l->sent = l->wakeUps = 0;
            l->cpuAtReset = cpuSeconds();
        }
        int n = epoll_wait(ep, events, 256, 100);
        for (int e = 0; e < n; e++) {
            unsigned id = events[e].data.u32;
            if (id == (unsigned) -1) {
                unsigned long long expirations;
                if (read(tfd, &expirations, sizeof expirations) < 0) continue;
                long long start = now();
                l->wakeUps++;
                count(l->lateness, start - (epoch + next * SLOT_NS));
                while (epoch + next * SLOT_NS <= start) {
                    int s = (int) (next % SLOTS);
                    for (int k = 0; k < slotSize[s]; k++) {
                        int i = slotLegs[s][k];
                        pkt[0] = 0x80; pkt[1] = 0;
                        pkt[2] = seq[i] >> 8; pkt[3] = seq[i] & 0xFF;
                        seq[i]++;
                        struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(farPort[i % 2]),
                                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
                        long long t = now();
                        if (lastSend[i]) count(l->deviation, llabs(t - lastSend[i] - FRAME_NS));
                        lastSend[i] = t;
                        if (sendto(legFd[i], pkt, sizeof pkt, 0, (struct sockaddr *) &to, sizeof to) > 0) l->sent++;
                    }
                    next++;
                }
                armAt(tfd, epoch + next * SLOT_NS);
            } else {
                ssize_t r = recv(legFd[id], buf, sizeof buf, 0);
                if (r > 0) {
                    unsigned sum = 0;
                    for (int k = 12; k < r; k++) sum += buf[k]; /* touch the payload, as a decoder would */
                    l->received += 1 + (sum == 0xFFFFFFFF);
                }
            }
        }
    }
    l->cpu = cpuSeconds() - l->cpuAtReset;
    return NULL;
}

typedef struct {
    long long sent, received, skipped, gaps;
    double cpuAtReset, cpu;
    long long arrival[6001];       /* |arrival interval - 20 ms| of each call's stream, 10 us buckets */
    long long *lastArrival;
    unsigned short *lastSeq;
} Far;

static atomic_int sending = 1;

static void *runFar(void *arg) {
    Far *f = arg;
    int ep = epoll_create1(0);
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 2};
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
    for (int k = 0; k < 2; k++) {
        ev.data.u32 = k;
        epoll_ctl(ep, EPOLL_CTL_ADD, farFd[k], &ev);
    }
    struct itimerspec it = {.it_interval.tv_nsec = SLOT_NS};
    it.it_value.tv_sec = epoch / 1000000000LL;
    it.it_value.tv_nsec = epoch % 1000000000LL + 500000; /* half a slot after EKC's */
    if (it.it_value.tv_nsec >= 1000000000LL) { it.it_value.tv_sec++; it.it_value.tv_nsec -= 1000000000LL; }
    timerfd_settime(tfd, TFD_TIMER_ABSTIME, &it, NULL);
    int per = calls / SLOTS + 2;
    struct mmsghdr *msgs = calloc(per, sizeof *msgs);
    struct iovec *iov = calloc(per, sizeof *iov);
    struct sockaddr_in *to = calloc(per, sizeof *to);
    unsigned char (*pkts)[12 + PAYLOAD] = calloc(per, 12 + PAYLOAD);
    unsigned short *seq = calloc(calls, sizeof(unsigned short));
    struct mmsghdr rmsgs[64];
    struct iovec riov[64];
    static struct sockaddr_in from[64];
    static unsigned char rbuf[64][2048];
    f->lastArrival = calloc(calls, sizeof(long long));
    f->lastSeq = calloc(calls, sizeof(unsigned short));
    long long lastSlot = -1;
    int gen = 0;
    struct epoll_event events[8];
    while (atomic_load(&running)) {
        if (atomic_load(&generation) != gen) {
            gen = atomic_load(&generation);
            if (!farOnly) f->sent = f->skipped = 0; /* MediaLoad counts those from the start */
            f->received = f->gaps = 0;
            memset(f->arrival, 0, sizeof f->arrival);
            f->cpuAtReset = cpuSeconds();
        }
        int n = epoll_wait(ep, events, 8, 100);
        for (int e = 0; e < n; e++) {
            if (events[e].data.u32 == 2) {
                unsigned long long x;
                if (read(tfd, &x, sizeof x) < 0) continue;
                long long due = (now() - epoch) / SLOT_NS;
                if (!atomic_load(&sending)) { lastSlot = due; continue; }
                for (long long s = lastSlot + 1; s <= due; s++) {
                    if ((due - s) * SLOT_NS >= 10000000LL) { f->skipped++; continue; } /* as MediaLoad's far end */
                    for (int k = 0; k < 2; k++) {
                        int m = 0;
                        for (int i = (int) (s % SLOTS) * 1; i < calls; i += SLOTS) {
                            /* the far end's slot s holds every SLOTS-th call; only those on socket k */
                            if (i % 2 != k) continue;
                            unsigned char *p = pkts[m];
                            memset(p, 0xFF, 12 + PAYLOAD);
                            p[0] = 0x80; p[1] = 0; p[2] = seq[i] >> 8; p[3] = seq[i] & 0xFF;
                            seq[i]++;
                            to[m] = (struct sockaddr_in) {.sin_family = AF_INET, .sin_port = htons(legPort[i]),
                                                          .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
                            iov[m].iov_base = p;
                            iov[m].iov_len = 12 + PAYLOAD;
                            memset(&msgs[m], 0, sizeof msgs[m]);
                            msgs[m].msg_hdr.msg_name = &to[m];
                            msgs[m].msg_hdr.msg_namelen = sizeof to[m];
                            msgs[m].msg_hdr.msg_iov = &iov[m];
                            msgs[m].msg_hdr.msg_iovlen = 1;
                            m++;
                        }
                        int done = 0;
                        while (done < m) {
                            int r = sendmmsg(farFd[k], msgs + done, m - done, 0);
                            if (r <= 0) break;
                            done += r;
                        }
                        f->sent += done;
                    }
                }
                lastSlot = due;
            } else {
                int k = events[e].data.u32;
                for (int m = 0; m < 64; m++) {
                    riov[m].iov_base = rbuf[m];
                    riov[m].iov_len = 2048;
                    memset(&rmsgs[m], 0, sizeof rmsgs[m]);
                    rmsgs[m].msg_hdr.msg_name = &from[m];
                    rmsgs[m].msg_hdr.msg_namelen = sizeof from[m];
                    rmsgs[m].msg_hdr.msg_iov = &riov[m];
                    rmsgs[m].msg_hdr.msg_iovlen = 1;
                }
                int r = recvmmsg(farFd[k], rmsgs, 64, MSG_DONTWAIT, NULL);
                long long t = now();
                for (int m = 0; m < r; m++) {
                    int pt = rbuf[m][1] & 0x7F;
                    int call = callOfPort[ntohs(from[m].sin_port)];
                    if (call < 0 || (pt >= 72 && pt <= 76) || rmsgs[m].msg_len < 12) continue; /* RTCP */
                    unsigned short sq = (rbuf[m][2] << 8) | rbuf[m][3];
                    if (f->lastArrival[call]) {
                        long long d = llabs(t - f->lastArrival[call] - FRAME_NS) / 10000;
                        f->arrival[d > 6000 ? 6000 : d]++;
                        if ((unsigned short) (sq - f->lastSeq[call]) != 1) f->gaps++;
                    }
                    f->lastArrival[call] = t;
                    f->lastSeq[call] = sq;
                    f->received++;
                }
            }
        }
    }
    f->cpu = cpuSeconds() - f->cpuAtReset;
    return NULL;
}

static double arrivalPct(const long long *h, double p) {
    long long total = 0, seen = 0;
    for (int i = 0; i <= 6000; i++) total += h[i];
    long long wanted = (long long) (total * p / 100.0 + 0.999999);
    for (int i = 0; i <= 6000; i++) {
        seen += h[i];
        if (seen >= wanted && total > 0) return i / 100.0;
    }
    return 0;
}

/* The far end alone, driven by MediaLoad over stdin/stdout. */
static int farMain(int n) {
    calls = n;
    farOnly = 1;
    legPort = calloc(calls, sizeof(int));
    memset(callOfPort, 0xFF, sizeof callOfPort);
    for (int k = 0; k < 2; k++) farFd[k] = bindUdp(&farPort[k]);
    printf("PORTS %d %d\n", farPort[0], farPort[1]);
    fflush(stdout);
    char line[128];
    for (int i = 0; i < calls; i++) {
        if (!fgets(line, sizeof line, stdin)) return 1;
        legPort[i] = atoi(line);
        callOfPort[legPort[i]] = i;
    }
    epoch = now() + 1000000LL;
    static Far far;
    pthread_t t;
    pthread_create(&t, NULL, runFar, &far);
    while (fgets(line, sizeof line, stdin)) {
        if (strncmp(line, "reset", 5) == 0) {
            atomic_fetch_add(&generation, 1);
        } else if (strncmp(line, "stop", 4) == 0) {
            atomic_store(&sending, 0);
        } else if (strncmp(line, "report", 6) == 0) {
            struct timespec c;
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
            printf("FAR sent %lld skipped %lld received %lld gaps %lld p50 %.3f p99 %.3f p999 %.3f max %.3f cpu %.3f\n",
                   far.sent, far.skipped, far.received, far.gaps, arrivalPct(far.arrival, 50),
                   arrivalPct(far.arrival, 99), arrivalPct(far.arrival, 99.9), arrivalPct(far.arrival, 100),
                   c.tv_sec + c.tv_nsec / 1e9);
            fflush(stdout);
        }
    }
    atomic_store(&running, 0);
    pthread_join(t, NULL);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "far") == 0) {
        return farMain(atoi(argv[2]));
    }
    if (argc < 3) {
        fprintf(stderr, "usage: rtp-floor CALLS SECONDS [LOOPS=2] [WARMUP=5]\n");
        return 2;
    }
    calls = atoi(argv[1]);
    int seconds = atoi(argv[2]);
    loops = argc > 3 ? atoi(argv[3]) : 2;
    int warmup = argc > 4 ? atoi(argv[4]) : 5;
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    legFd = calloc(calls, sizeof(int));
    legPort = calloc(calls, sizeof(int));
    for (int k = 0; k < 2; k++) farFd[k] = bindUdp(&farPort[k]);
    for (int i = 0; i < calls; i++) {
        legFd[i] = bindUdp(&legPort[i]);
        callOfPort[legPort[i]] = i;
    }
    epoch = now() + 50000000LL;
    Loop *ls = calloc(loops, sizeof(Loop));
    Far far = {0};
    pthread_t t[16];
    for (int i = 0; i < loops; i++) {
        ls[i].index = i;
        pthread_create(&t[i], NULL, runLoop, &ls[i]);
    }
    pthread_create(&t[loops], NULL, runFar, &far);
    sleep(warmup);
    atomic_fetch_add(&generation, 1);
    long long start = now();
    sleep(seconds);
    atomic_store(&running, 0);
    for (int i = 0; i <= loops; i++) pthread_join(t[i], NULL);
    double wall = (now() - start) / 1e9;
    long long dev[BUCKETS] = {0}, late[BUCKETS] = {0}, received = 0, sent = 0, wakeUps = 0;
    double cpu = 0;
    for (int i = 0; i < loops; i++) {
        for (int b = 0; b < BUCKETS; b++) { dev[b] += ls[i].deviation[b]; late[b] += ls[i].lateness[b]; }
        received += ls[i].received; sent += ls[i].sent; wakeUps += ls[i].wakeUps; cpu += ls[i].cpu;
    }
    FILE *la = fopen("/proc/loadavg", "r");
    char load[64] = "?";
    if (la) { if (!fgets(load, sizeof load, la)) strcpy(load, "?"); fclose(la); load[strcspn(load, "\n")] = 0; }
    printf("rtp-floor: %d legs on %d loop threads + a far end thread, measured %.1f s after %d s warm-up, load %s\n",
           calls, loops, wall, warmup, load);
    printf("send interval deviation from 20 ms (at the send call): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms\n",
           pct(dev, 50), pct(dev, 99), pct(dev, 99.9), pct(dev, 100));
    printf("clock: %lld wake-ups, lateness p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms\n", wakeUps, pct(late, 50),
           pct(late, 99), pct(late, 99.9));
    printf("legs received %.0f pkt/s, sent %.0f pkt/s; far end sent %.0f pkt/s (%lld late slots skipped), received %.0f pkt/s\n",
           received / wall, sent / wall, far.sent / wall, far.skipped, far.received / wall);
    printf("CPU: leg loops %.1f %% of one core (%.4f %% per leg), far end %.1f %%\n", 100 * cpu / wall,
           100 * cpu / wall / calls, 100 * far.cpu / wall);
    return 0;
}
