package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.engine.Input;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole RTP sessions over real UDP sockets: DTMF in and out, VAD and barge-in, bridging with recording, RTCP. */
class SessionTest {

    @TempDir
    Path dir;

    private final List<Input> events = new CopyOnWriteArrayList<>();
    private final List<String> recorded = new CopyOnWriteArrayList<>();
    /** Copies of the caller's recorded frames of call 61. */
    private final List<byte[]> heardFrom61 = new CopyOnWriteArrayList<>();
    private MediaServer media;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path prompts = TestMedia.promptsDir(dir, "long", TestMedia.tone(440, 6000, 8000 * 10));
        media = new MediaServer(TestMedia.config(prompts.toString()), "ru", events::add,
                (callId, fromCaller, time, payload, offset, length, pt) -> {
                    recorded.add(callId + (fromCaller ? ":in:" : ":out:") + pt + ":" + length);
                    if (callId == 61 && fromCaller) {
                        heardFrom61.add(java.util.Arrays.copyOfRange(payload, offset, offset + length));
                    }
                });
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        media.close();
    }

    private Phone phone() throws Exception {
        Phone p = new Phone();
        closing.add(p);
        return p;
    }

    private static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] all = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void rfc4733DigitsFromTheCallerBecomeEngineInputs() throws Exception {
        Phone phone = phone();
        int port = media.allocate(11, 11, true);
        media.connect(11, "127.0.0.1", phone.port(), G711.PCMU, 101);
        media.settle(11);
        phone.to(port);
        phone.frame(G711.PCMU, new short[160], 0);
        phone.digit(101, '1');
        phone.digit(101, '2');
        phone.digit(101, '#');
        await().atMost(Duration.ofSeconds(3)).until(() -> events.stream().filter(e -> e instanceof Input.DtmfDigit).count() == 3);
        assertThat(events).filteredOn(e -> e instanceof Input.DtmfDigit)
                .containsExactly(new Input.DtmfDigit(11, '1'), new Input.DtmfDigit(11, '2'), new Input.DtmfDigit(11, '#'));
    }

    @Test
    void inBandTonesAreDetectedWhenThePeerHasNoTelephoneEvent() throws Exception {
        Phone phone = phone();
        int port = media.allocate(12, 12, true);
        media.connect(12, "127.0.0.1", phone.port(), G711.PCMA, -1);
        media.settle(12);
        phone.to(port);
        short[] tones = new short[160 * 24];
        DtmfSender seven = new DtmfSender('7', 0);
        DtmfSender zero = new DtmfSender('0', 0);
        short[] frame = new short[160];
        for (int f = 0; f < 8; f++) {
            seven.nextTone(frame);
            System.arraycopy(frame, 0, tones, (4 + f) * 160, 160);
            zero.nextTone(frame);
            System.arraycopy(frame, 0, tones, (12 + f) * 160, 160);
        }
        phone.stream(G711.PCMA, tones, null);
        await().atMost(Duration.ofSeconds(3)).until(() -> events.stream().filter(e -> e instanceof Input.DtmfDigit).count() == 2);
        assertThat(events).filteredOn(e -> e instanceof Input.DtmfDigit)
                .containsExactly(new Input.DtmfDigit(12, '7'), new Input.DtmfDigit(12, '0'));
    }

    @Test
    void R33_callerVoiceIsPublishedAsVoiceActivityStopsThePromptAndReachesTheListenerAt16kHz() throws Exception {
        Phone phone = phone();
        int port = media.allocate(13, 13, true);
        media.connect(13, "127.0.0.1", phone.port(), G711.PCMU, 101);
        media.settle(13);
        phone.to(port);
        AtomicInteger speechFrames = new AtomicInteger();
        AtomicInteger frames = new AtomicInteger();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        media.listen(13, (legId, pcm16k, samples, speech, time) -> {
            frames.incrementAndGet();
            sizes.add(samples);
            if (speech) {
                speechFrames.incrementAndGet();
            }
        });
        media.play(13, "long");
        short[] voice = concat(new short[8000 / 2], TestMedia.tone(300, 8000, 8000), new short[8000]);
        phone.stream(G711.PCMU, voice, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.contains(new Input.VoiceActivity(13, false)));
        assertThat(events).containsSubsequence(new Input.VoiceActivity(13, true), new Input.PromptFinished(13, "long", true),
                new Input.VoiceActivity(13, false));
        // 50 frames of voice + 20 of hangover; a loaded machine may stretch the stream with a few refill gaps.
        assertThat(speechFrames.get()).as("1 s of voice plus the hangover").isBetween(45, 100);
        assertThat(frames.get()).isGreaterThan(speechFrames.get());
        assertThat(sizes).containsOnly(320);
        RtpStats stats = media.stats(13);
        assertThat(stats.speechMillis()).isEqualTo(20L * speechFrames.get());
        assertThat(stats.talkShare()).isBetween(0.3, 0.8);
    }

    @Test
    void bridgedLegsRelayBothWaysTranscodingAndTheRecordingTapHearsBothDirections() throws Exception {
        Phone caller = phone();
        Phone operator = phone();
        int callerPort = media.allocate(21, 21, true);
        int operatorPort = media.allocate(22, 21, false);
        media.connect(21, "127.0.0.1", caller.port(), G711.PCMU, 101);
        media.settle(21);
        media.connect(22, "127.0.0.1", operator.port(), G711.PCMA, 101);
        media.settle(22);
        caller.to(callerPort);
        operator.to(operatorPort);
        List<String> operatorDigits = new CopyOnWriteArrayList<>();
        media.onDtmf((legId, callId, digit) -> operatorDigits.add(legId + "/" + callId + "/" + digit));
        media.bridge(21, 22);
        media.settle(21);
        short[] tone = TestMedia.tone(1000, 8000, 160 * 20);
        for (int i = 0; i < 20; i++) {
            caller.frame(G711.PCMU, tone, i * 160);
            operator.frame(G711.PCMA, tone, i * 160);
        }
        List<byte[]> atOperator = drain(operator, 20);
        List<byte[]> atCaller = drain(caller, 20);
        assertThat(atOperator).hasSize(20).allSatisfy(p -> assertThat(p[1] & 0x7F).isEqualTo(G711.PCMA));
        assertThat(atCaller).hasSize(20).allSatisfy(p -> assertThat(p[1] & 0x7F).isEqualTo(G711.PCMU));
        short[] pcm = new short[160];
        G711.decode(G711.PCMA, atOperator.get(5), 12, 160, pcm);
        assertThat(rms(pcm)).as("the caller's tone, transcoded to A-law").isBetween(5000.0, 6300.0);
        await().atMost(Duration.ofSeconds(3)).until(() -> recorded.stream().filter(r -> r.startsWith("21:in:0:160")).count() >= 18
                && recorded.stream().filter(r -> r.equals("21:out:0:160")).count() == 20);
        assertThat(recorded).allMatch(r -> r.startsWith("21:"));

        // The operator's digit: reported to the listener, and passed on to the caller as an event.
        operator.digit(101, '5');
        await().atMost(Duration.ofSeconds(2)).until(() -> operatorDigits.equals(List.of("22/21/5")));
        List<byte[]> events = drain(caller, 8);
        assertThat(events).hasSize(8).allSatisfy(p -> assertThat(p[1] & 0x7F).isEqualTo(101));
        assertThat(this.events).noneMatch(e -> e instanceof Input.DtmfDigit);

        media.unbridge(21);
        await().atMost(Duration.ofSeconds(2)).until(() -> {
            operator.frame(G711.PCMA, tone, 0);
            return caller.next(100) == null;
        });
    }

    @Test
    void mediaIsSentWhereItComesFromNotWhereTheSdpSaid() throws Exception {
        Phone phone = phone();
        DatagramSocket sdpAddress = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        closing.add(sdpAddress);
        int port = media.allocate(31, 31, true);
        media.connect(31, "127.0.0.1", sdpAddress.getLocalPort(), G711.PCMU, 101);
        media.settle(31);
        phone.to(port);
        phone.frame(G711.PCMU, new short[160], 0);
        await().atMost(Duration.ofSeconds(2)).until(() -> media.stats(31).packetsReceived() == 1);
        media.play(31, "long");
        assertThat(phone.next(2000)).as("prompt reaches the latched address").isNotNull();
        sdpAddress.setSoTimeout(200);
        assertThat(receives(sdpAddress)).as("nothing to the SDP address after latching").isFalse();
    }

    @Test
    void packetsFromAStrangerWithAnotherSsrcDoNotTakeTheCallOver() throws Exception {
        Phone phone = phone();
        int port = media.allocate(35, 35, true);
        media.connect(35, "127.0.0.1", phone.port(), G711.PCMU, 101);
        media.settle(35);
        phone.to(port);
        phone.frame(G711.PCMU, new short[160], 0);
        await().atMost(Duration.ofSeconds(2)).until(() -> media.stats(35).packetsReceived() == 1);
        // Another host on the loopback net (127.0.0.2), another stream.
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            byte[] rtp = new byte[172];
            ByteBuffer.wrap(rtp).put((byte) 0x80).put((byte) 0).putShort((short) 1).putInt(0).putInt(0x66666666);
            for (int i = 0; i < 5; i++) {
                stranger.send(new DatagramPacket(rtp, rtp.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> media.stats(35).invalidPackets() == 5);
            media.play(35, "long");
            assertThat(phone.next(2000)).as("the prompt still goes to the caller").isNotNull();
            stranger.setSoTimeout(200);
            assertThat(receives(stranger)).isFalse();
            assertThat(media.stats(35).ssrcChanges()).isZero();
        }
    }

    @Test
    void rtcpReportsLossAndJitterBothWaysAndAnSsrcChangeStartsAFreshCount() throws Exception {
        Phone phone = phone();
        DatagramSocket phoneRtcp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        closing.add(phoneRtcp);
        int port = media.allocate(41, 41, true);
        media.connect(41, "127.0.0.1", phone.port(), G711.PCMU, 101);
        media.settle(41);
        phone.to(port);
        media.play(41, "long");
        byte[] ours = phone.next(2000);
        int ourSsrc = ByteBuffer.wrap(ours).getInt(8);
        for (int i = 0; i < 50; i++) {
            if (i == 10 || i == 20) {
                phone.seq++;
                phone.timestamp += 160;
                continue; // lost
            }
            phone.frame(G711.PCMU, new short[160], 0);
        }
        // The phone's receiver report on our stream: 25/256 lost, 3 packets, jitter 80 units.
        ByteBuffer rr = ByteBuffer.allocate(32);
        rr.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(phone.ssrc)
                .putInt(ourSsrc).putInt(25 << 24 | 3).putInt(5000).putInt(80).putInt(0).putInt(0);
        phoneRtcp.send(new DatagramPacket(rr.array(), 32, new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1)));
        // Netty reads 16 datagrams at a time, so the burst and the report may be read in either order.
        await().atMost(Duration.ofSeconds(2)).until(() -> media.stats(41).remoteCumulativeLost() == 3
                && media.stats(41).packetsReceived() == 48);
        RtpStats stats = media.stats(41);
        assertThat(stats.packetsReceived()).isEqualTo(48);
        assertThat(stats.packetsExpected()).isEqualTo(50);
        assertThat(stats.packetsLost()).isEqualTo(2);
        assertThat(stats.remoteFractionLost()).isEqualTo(25);
        assertThat(stats.remoteJitterMillis()).isEqualTo(10.0);

        // Our report comes to the address the phone's RTCP came from: SR (we are sending), one block on the phone.
        phoneRtcp.setSoTimeout(3000);
        byte[] buf = new byte[512];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        phoneRtcp.receive(p);
        ByteBuffer sr = ByteBuffer.wrap(buf, 0, p.getLength());
        assertThat(sr.get(0) & 0xFF).isEqualTo(0x81);
        assertThat(sr.get(1) & 0xFF).isEqualTo(200);
        assertThat(sr.getInt(4)).isEqualTo(ourSsrc);
        assertThat(sr.getInt(28)).isEqualTo(phone.ssrc);
        assertThat(sr.getInt(32) & 0xFFFFFF).as("cumulative lost").isEqualTo(2);
        assertThat(sr.getInt(36) & 0xFFFF).as("highest sequence").isEqualTo((1000 + 49) & 0xFFFF);
        int sdesAt = 4 * ((sr.getShort(2) & 0xFFFF) + 1);
        assertThat(sr.get(sdesAt + 1) & 0xFF).isEqualTo(202);

        // The phone restarts its stream with a new SSRC and sequence: counted afresh, not as 60,000 lost.
        phone.ssrc = 0x0BADCAFE;
        phone.seq = 7;
        for (int i = 0; i < 10; i++) {
            phone.frame(G711.PCMU, new short[160], 0);
        }
        phone.digit(101, '9');
        await().atMost(Duration.ofSeconds(2)).until(() -> events.contains(new Input.DtmfDigit(41, '9'))
                && media.stats(41).packetsReceived() == 18);
        RtpStats after = media.stats(41);
        assertThat(after.ssrcChanges()).isEqualTo(1);
        assertThat(after.packetsReceived()).isEqualTo(18);
        assertThat(after.packetsLost()).isZero();
    }

    @Test
    void digitsAreSentAsRfc4733EventsOrAsTones() throws Exception {
        Phone withEvents = phone();
        Phone withTones = phone();
        media.allocate(51, 51, false);
        media.allocate(52, 52, false);
        media.connect(51, "127.0.0.1", withEvents.port(), G711.PCMU, 101);
        media.settle(51);
        media.connect(52, "127.0.0.1", withTones.port(), G711.PCMU, -1);
        media.settle(52);
        media.sendDtmf(51, '4');
        media.sendDtmf(52, '8');
        List<byte[]> packets = drain(withEvents, 8);
        assertThat(packets).hasSize(8).allSatisfy(p -> assertThat(p[1] & 0x7F).isEqualTo(101));
        assertThat(packets.get(0)[1] & 0x80).as("marker on the first").isEqualTo(0x80);
        assertThat(packets.get(0)[12]).isEqualTo((byte) 4);
        assertThat(packets.get(7)[13] & 0x80).as("end bit").isEqualTo(0x80);
        DtmfDetector detector = new DtmfDetector();
        StringBuilder heard = new StringBuilder();
        short[] pcm = new short[160];
        for (byte[] p : drain(withTones, 5)) {
            G711.decode(G711.PCMU, p, 12, 160, pcm);
            char c = detector.process(pcm, 160);
            if (c != 0) {
                heard.append(c);
            }
        }
        assertThat(heard.toString()).isEqualTo("8");
    }

    @Test
    void aCallerWhoseMediaStopsIsTakenAsGoneOnce() throws Exception {
        try (MediaServer quick = new MediaServer(TestMedia.config(null, 1), "ru", events::add, null);
             Phone phone = new Phone()) {
            int port = quick.allocate(71, 71, true);
            quick.allocate(72, 71, false); // an operator's leg never times out the call
            quick.connect(71, "127.0.0.1", phone.port(), G711.PCMU, 101);
            quick.connect(72, "127.0.0.1", phone.port(), G711.PCMU, 101);
            quick.settle(71);
            phone.to(port);
            phone.frame(G711.PCMU, new short[160], 0);
            await().atMost(Duration.ofSeconds(4)).until(() -> events.contains(new Input.CallerHungUp(71, "rtp-timeout")));
            // Published once, not every tick after.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                    .until(() -> events.stream().filter(e -> e instanceof Input.CallerHungUp).count() == 1);
        }
    }

    @Test
    void aLostPacketIsRecordedAsTheLastFrameFadedAndTheStreamGoesOn() throws Exception {
        Phone phone = phone();
        int port = media.allocate(61, 61, true);
        media.connect(61, "127.0.0.1", phone.port(), G711.PCMU, 101);
        media.settle(61);
        phone.to(port);
        short[] tone = TestMedia.tone(437, 6000, 160 * 40);
        int lost = 20;
        short[] silenceThenTone = concat(new short[160 * 5], tone);
        CountDownLatch sent = new CountDownLatch(1);
        AtomicInteger frameNo = new AtomicInteger();
        // Real time, 20 ms apart; frame `lost` of the tone is never sent (its sequence number and timestamp are skipped).
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        closing.add(pacer::shutdownNow);
        pacer.scheduleAtFixedRate(() -> {
            int f = frameNo.getAndIncrement();
            if (f * 160 >= silenceThenTone.length) {
                sent.countDown();
            } else if (f == 5 + lost) {
                phone.seq = (phone.seq + 1) & 0xFFFF;
                phone.timestamp += 160;
            } else {
                phone.frame(G711.PCMU, silenceThenTone, f * 160);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        assertThat(sent.await(5, TimeUnit.SECONDS)).isTrue();
        byte[] before = new byte[160];
        short[] chunk = java.util.Arrays.copyOfRange(tone, (lost - 1) * 160, lost * 160);
        G711.encode(G711.PCMU, chunk, 0, 160, before);
        short[] faded = new short[160];
        G711.decode(G711.PCMU, before, 0, 160, faded);
        for (int i = 0; i < 160; i++) {
            faded[i] = (short) (faded[i] * 0.7f);
        }
        byte[] concealment = new byte[160];
        G711.encode(G711.PCMU, faded, 0, 160, concealment);
        byte[] after = new byte[160];
        G711.encode(G711.PCMU, java.util.Arrays.copyOfRange(tone, (lost + 1) * 160, (lost + 2) * 160), 0, 160, after);
        await().atMost(Duration.ofSeconds(3)).until(() -> heardFrom61.stream().anyMatch(f -> java.util.Arrays.equals(f, after)));
        int at = -1;
        for (int i = 0; i < heardFrom61.size(); i++) {
            if (java.util.Arrays.equals(heardFrom61.get(i), before)) {
                at = i;
            }
        }
        assertThat(at).as("the frame before the lost one was recorded").isNotNegative();
        assertThat(heardFrom61.get(at + 1)).as("the lost frame: the one before it at 70 %").isEqualTo(concealment);
        assertThat(heardFrom61.get(at + 2)).as("then the stream again").isEqualTo(after);
    }

    @Test
    void anOperatorsLegIsPlayedOutOnlyOnceSomethingListensOrItsPeerSendsToneDigits() throws Exception {
        Phone operator = phone();
        int port = media.allocate(72, 71, false);
        media.connect(72, "127.0.0.1", operator.port(), G711.PCMU, 101);
        media.settle(72);
        operator.to(port);
        List<String> digits = new CopyOnWriteArrayList<>();
        media.onDtmf((legId, callId, digit) -> digits.add(legId + "/" + digit));
        short[] voice = concat(new short[8000 / 2], TestMedia.tone(300, 8000, 8000), new short[8000 / 2]);
        CountDownLatch voiceSent = new CountDownLatch(1);
        operator.stream(G711.PCMU, voice, voiceSent::countDown);
        AtomicInteger frames = new AtomicInteger();
        AtomicInteger speech = new AtomicInteger();
        media.listen(72, (legId, pcm16k, samples, speaking, time) -> {
            frames.incrementAndGet();
            if (speaking) {
                speech.incrementAndGet();
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> speech.get() >= 30);
        assertThat(frames.get()).isGreaterThan(speech.get());

        assertThat(voiceSent.await(5, TimeUnit.SECONDS)).isTrue();
        // A re-INVITE without telephone-event: its digits now come as tones, and are heard.
        media.listen(72, null);
        media.connect(72, "127.0.0.1", operator.port(), G711.PCMU, -1);
        media.settle(72);
        short[] tones = new short[160 * 16];
        DtmfSender nine = new DtmfSender('9', 0);
        short[] frame = new short[160];
        for (int f = 0; f < 8; f++) {
            nine.nextTone(frame);
            System.arraycopy(frame, 0, tones, (4 + f) * 160, 160);
        }
        operator.stream(G711.PCMU, tones, null);
        await().atMost(Duration.ofSeconds(3)).until(() -> digits.contains("72/9"));
        assertThat(digits).containsExactly("72/9");
    }

    private static List<byte[]> drain(Phone phone, int count) throws InterruptedException {
        List<byte[]> out = new ArrayList<>();
        while (out.size() < count) {
            byte[] p = phone.next(2000);
            if (p == null) {
                break;
            }
            out.add(p);
        }
        return out;
    }

    private static boolean receives(DatagramSocket s) throws Exception {
        try {
            s.receive(new DatagramPacket(new byte[1500], 1500));
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    private static double rms(short[] pcm) {
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / pcm.length);
    }
}
