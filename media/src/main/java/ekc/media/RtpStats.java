package ekc.media;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What a leg received and sent, as RTCP reports it (RFC 3550 §6.4, appendix A.3 and A.8): packets expected and
 * lost from the extended highest sequence number, interarrival jitter in milliseconds, and what the peer's own
 * reports say it lost of ours; how much of the caller's audio was speech (VAD). An immutable snapshot; {@link Counter} keeps the running figures on the event loop.
 */
public record RtpStats(long packetsReceived, long packetsExpected, long packetsLost, double jitterMillis,
                       long packetsSent, long octetsSent, int ssrcChanges, long invalidPackets,
                       int remoteFractionLost, long remoteCumulativeLost, double remoteJitterMillis,
                       long heardMillis, long speechMillis) {

    /** Share of the caller's audio heard so far that was speech (talk vs silence, for speech analytics), 0..1. */
    public double talkShare() {
        return heardMillis == 0 ? 0 : (double) speechMillis / heardMillis;
    }

    /** Loss seen by EKC as a fraction of what was expected, 0..1. */
    public double lossRatio() {
        return packetsExpected == 0 ? 0 : Math.max(0, (double) packetsLost / packetsExpected);
    }

    /** Running reception figures of one leg. One thread (the leg's event loop), except {@link #snapshot}'s reads. */
    static final class Counter {
        private boolean started;
        private int ssrc;
        private int baseSeq;
        private int maxSeq;
        private long cycles;
        /** Per packet: written with release stores (no fence per packet), read by snapshots with acquire loads. */
        private long received;
        private long expectedPrior;
        private long receivedPrior;
        private double jitter; // in timestamp units; release/acquire like received
        private long lastTransit;
        private boolean haveTransit;
        private long lastArrival;
        private volatile int ssrcChanges;
        private volatile long invalid;
        private long expectedSnapshot; // release/acquire like received
        private static final VarHandle RECEIVED = Fields.of(MethodHandles.lookup(), "received", long.class);
        private static final VarHandle JITTER = Fields.of(MethodHandles.lookup(), "jitter", double.class);
        private static final VarHandle EXPECTED = Fields.of(MethodHandles.lookup(), "expectedSnapshot", long.class);

        boolean started() {
            return started;
        }

        int ssrc() {
            return ssrc;
        }

        void newSource(int ssrc, int seq) {
            if (started) {
                ssrcChanges++;
            }
            started = true;
            this.ssrc = ssrc;
            baseSeq = seq;
            maxSeq = seq;
            cycles = 0;
            RECEIVED.setRelease(this, 0L);
            expectedPrior = 0;
            receivedPrior = 0;
            JITTER.setRelease(this, 0.0);
            haveTransit = false;
        }

        /** @param clockRate the payload's RTP clock rate, 0 for packets that do not count for jitter */
        void received(int seq, int rtpTimestamp, long arrivalMillis, int clockRate) {
            RECEIVED.setRelease(this, received + 1);
            int delta = (seq - maxSeq) & 0xFFFF;
            if (delta < 0x8000 && delta != 0) {
                if (seq < maxSeq) {
                    cycles += 1 << 16;
                }
                maxSeq = seq;
            }
            EXPECTED.setRelease(this, expected());
            lastArrival = arrivalMillis;
            if (clockRate > 0) {
                long arrival = arrivalMillis * clockRate / 1000;
                long transit = arrival - (rtpTimestamp & 0xFFFFFFFFL);
                if (haveTransit) {
                    long d = Math.abs(transit - lastTransit);
                    JITTER.setRelease(this, jitter + (d - jitter) / 16.0);
                }
                lastTransit = transit;
                haveTransit = true;
            }
        }

        void invalid() {
            invalid++;
        }

        long expected() {
            return cycles + maxSeq - baseSeq + 1;
        }

        long received() {
            return received;
        }

        long lost() {
            return started ? expected() - received : 0;
        }

        /** Jitter in timestamp units, as the RTCP report block carries it. */
        long jitterUnits() {
            return (long) jitter;
        }

        long lastArrival() {
            return lastArrival;
        }

        /** Fraction lost since the last call, in 1/256 (RFC 3550 A.3); moves the interval on. */
        int fractionLostInterval() {
            long expected = expected();
            long expectedInterval = expected - expectedPrior;
            expectedPrior = expected;
            long receivedInterval = received - receivedPrior;
            receivedPrior = received;
            long lostInterval = expectedInterval - receivedInterval;
            return expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        }

        long extendedMax() {
            return cycles + maxSeq;
        }

        RtpStats snapshot(Rtcp rtcp, Vad vad) {
            long r = (long) RECEIVED.getAcquire(this);
            long e = started ? (long) EXPECTED.getAcquire(this) : 0;
            return new RtpStats(r, e, Math.max(0, e - r), (double) JITTER.getAcquire(this) / 8.0, rtcp.packetsSent(), rtcp.octetsSent(),
                    ssrcChanges, invalid, rtcp.remoteFractionLost(), rtcp.remoteCumulativeLost(),
                    rtcp.remoteJitterUnits() / 8.0, vad.frames() * 20, vad.speechFrames() * 20);
        }
    }
}
