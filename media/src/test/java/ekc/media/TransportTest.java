package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ekc.config.MediaConfig;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code media.transport}: which socket layer runs, why a better one does not, and RTP both ways on each. */
class TransportTest {

    // What Netty's IoUring/Epoll.unavailabilityCause() return where the kernel refuses io_uring or the native library is
    // missing: Transport.choose takes the causes as arguments, so each fallback is tested on any machine.
    private static final Throwable NO_URING = new UnsupportedOperationException("io_uring_setup: Operation not permitted");
    private static final Throwable NO_EPOLL = new UnsatisfiedLinkError("no netty_transport_native_epoll");

    @TempDir
    Path dir;

    @Test
    void autoTakesEpollElseNioAndSaysWhyNotIoUring() {
        Transport.Choice all = Transport.choose("auto", null, null);
        assertThat(all.transport()).isEqualTo(Transport.EPOLL);
        assertThat(all.why()).contains("io_uring measured no better here").contains("media.transport: io_uring runs it");
        Transport.Choice noUring = Transport.choose("auto", NO_URING, null);
        assertThat(noUring.transport()).isEqualTo(Transport.EPOLL);
        assertThat(noUring.why()).contains("not available either: io_uring_setup: Operation not permitted");
        Transport.Choice neither = Transport.choose("auto", NO_URING, NO_EPOLL);
        assertThat(neither.transport()).isEqualTo(Transport.NIO);
        assertThat(neither.why()).contains("epoll is not available: no netty_transport");
        assertThat(Transport.choose(null, null, null).transport()).as("no setting is auto").isEqualTo(Transport.EPOLL);
    }

    @Test
    void aTransportAskedForRunsWhenAvailableElseTheNextOne() {
        assertThat(Transport.choose("io_uring", null, null)).isEqualTo(new Transport.Choice(Transport.IO_URING, null));
        Transport.Choice refused = Transport.choose("io_uring", NO_URING, null);
        assertThat(refused.transport()).isEqualTo(Transport.EPOLL);
        assertThat(refused.why()).isEqualTo("io_uring is not available: io_uring_setup: Operation not permitted");
        assertThat(Transport.choose("io_uring", NO_URING, NO_EPOLL).transport()).isEqualTo(Transport.NIO);
        assertThat(Transport.choose("epoll", null, null))
                .isEqualTo(new Transport.Choice(Transport.EPOLL, "media.transport is epoll"));
        Transport.Choice noEpoll = Transport.choose("epoll", null, NO_EPOLL);
        assertThat(noEpoll.transport()).isEqualTo(Transport.NIO);
        assertThat(noEpoll.why()).startsWith("media.transport is epoll, but epoll is not available");
        assertThat(Transport.choose("nio", null, null).transport()).isEqualTo(Transport.NIO);
        assertThatThrownBy(() -> Transport.choose("uring", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, io_uring, epoll or nio");
    }

    @Test
    void theServerRunsWhatAutoChoosesOnThisMachine() throws Exception {
        try (MediaServer media = server("auto")) {
            String expected = Epoll.isAvailable() ? "epoll" : "nio";
            assertThat(media.transport()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void aLegRoundTripsRtp(String transport) throws Exception {
        assumeAvailable(transport);
        try (MediaServer media = server(transport); Phone phone = new Phone()) {
            assertThat(media.transport()).isEqualTo(transport);
            int port = media.allocate(7, 7, true);
            media.connect(7, "127.0.0.1", phone.port(), G711.PCMU, 101);
            media.settle(7);
            phone.to(port);
            short[] tone = TestMedia.tone(440, 6000, 160 * 25);
            for (int i = 0; i < 25; i++) {
                phone.frame(G711.PCMU, tone, i * 160);
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> media.stats(7).packetsReceived() == 25);
            assertThat(media.stats(7).packetsLost()).isZero();

            media.play(7, "long");
            List<byte[]> back = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] p = phone.next(2000);
                assertThat(p).as("packet %d of the prompt", i).isNotNull();
                back.add(p);
            }
            int firstSeq = ByteBuffer.wrap(back.get(0)).getShort(2) & 0xFFFF;
            for (int i = 0; i < back.size(); i++) {
                ByteBuffer b = ByteBuffer.wrap(back.get(i));
                assertThat(b.get(0) & 0xC0).as("RTP version 2").isEqualTo(0x80);
                assertThat(b.get(1) & 0x7F).as("PCMU").isEqualTo(G711.PCMU);
                assertThat(b.getShort(2) & 0xFFFF).as("in order, none lost").isEqualTo((firstSeq + i) & 0xFFFF);
                assertThat(back.get(i)).hasSize(12 + 160);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void aPortPairWhoseRtcpPortIsTakenIsSkipped(String transport) throws Exception {
        assumeAvailable(transport);
        int min = TestMedia.config(null).rtpPortMin();
        // Two pairs, min/min+1 and min+2/min+3; another program holds min+1. (MediaLoad met this on epoll: closing the
        // RTP channel that was never registered threw and failed the whole allocation.)
        try (DatagramSocket other = new DatagramSocket(new InetSocketAddress("127.0.0.1", min + 1));
             MediaServer media = new MediaServer(new MediaConfig("127.0.0.1", min, min + 3, null, 1, true, 1, 60, 0,
                     transport), "ru", input -> { }, (callId, fromCaller, time, payload, offset, length, pt) -> { })) {
            assertThat(media.allocate(1, 1, true)).isEqualTo(min + 2);
            assertThatThrownBy(() -> media.allocate(2, 2, true)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no free RTP port pair");
            assertThat(media.legCount()).isEqualTo(1);
        }
    }

    private static void assumeAvailable(String transport) {
        if (transport.equals("io_uring")) {
            Assumptions.assumeTrue(IoUring.isAvailable(), () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        }
        if (transport.equals("epoll")) {
            Assumptions.assumeTrue(Epoll.isAvailable(), () -> "epoll is not available here: " + Epoll.unavailabilityCause());
        }
    }

    private MediaServer server(String transport) throws Exception {
        Path prompts = TestMedia.promptsDir(dir, "long", TestMedia.tone(440, 6000, 8000 * 5));
        MediaConfig c = TestMedia.config(prompts.toString());
        return new MediaServer(new MediaConfig(c.host(), c.rtpPortMin(), c.rtpPortMax(), c.promptsDir(), 1, true, 1, 60, 0,
                transport), "ru", input -> { }, (callId, fromCaller, time, payload, offset, length, pt) -> { });
    }
}
