package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.engine.Input;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real RTP session on real UDP sockets: a prompt is paced out at 20 ms and its end reaches the engine. */
class PlaybackTest {

    @TempDir
    Path dir;

    @Test
    void promptIsSentAsPacedRtpToTheRemoteSocketAndItsEndIsPublished() throws Exception {
        short[] beep = TestMedia.tone(1000, 8000, 8000); // 1 s = 50 frames
        ConcurrentLinkedQueue<Input> events = new ConcurrentLinkedQueue<>();
        try (MediaServer media = new MediaServer(TestMedia.config(TestMedia.promptsDir(dir, "beep", beep).toString()),
                "ru", events::add, null);
             DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            phone.setSoTimeout(2000);
            int port = media.allocate(7, 7, true);
            assertThat(port % 2).isZero();
            media.connect(7, "127.0.0.1", phone.getLocalPort(), G711.PCMA, 101);
            media.play(7, "beep");

            List<Long> arrivals = new ArrayList<>();
            List<byte[]> packets = new ArrayList<>();
            byte[] buf = new byte[1500];
            while (packets.size() < 50) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    phone.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                arrivals.add(System.nanoTime());
                packets.add(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                assertThat(p.getPort()).isEqualTo(port); // symmetric: sent from the port we advertise
            }
            assertThat(packets).hasSize(50);
            ByteBuffer first = ByteBuffer.wrap(packets.get(0));
            assertThat(first.get(0) & 0xC0).isEqualTo(0x80);          // RTP version 2
            assertThat(first.get(1) & 0xFF).isEqualTo(0x80 | G711.PCMA); // marker on the first packet, PCMA
            for (int i = 1; i < packets.size(); i++) {
                ByteBuffer prev = ByteBuffer.wrap(packets.get(i - 1));
                ByteBuffer b = ByteBuffer.wrap(packets.get(i));
                assertThat(b.limit()).isEqualTo(12 + 160);
                assertThat(b.get(1) & 0x7F).isEqualTo(G711.PCMA);
                assertThat((b.getShort(2) - prev.getShort(2)) & 0xFFFF).isEqualTo(1);
                assertThat(b.getInt(4) - prev.getInt(4)).isEqualTo(160);
                assertThat(b.getInt(8)).isEqualTo(prev.getInt(8));
            }
            // The payload is the prompt: decode a frame and find the 1 kHz tone's level.
            short[] pcm = new short[160];
            G711.decode(G711.PCMA, packets.get(10), 12, 160, pcm);
            assertThat(rms(pcm)).isBetween(5000.0, 6300.0);

            double spanMillis = (arrivals.get(49) - arrivals.get(0)) / 1e6;
            assertThat(spanMillis).as("49 intervals of 20 ms").isBetween(49 * 20 - 150.0, 49 * 20 + 150.0);
            await().atMost(Duration.ofSeconds(2)).until(() -> events.contains(new Input.PromptFinished(7, "beep", false)));
            // EKC's own record of its pacing: one interval per frame after the first.
            SendTiming timing = media.sendTiming();
            assertThat(timing.intervals()).isEqualTo(49);
            assertThat(timing.percentileMillis(100)).isEqualTo(timing.maxMillis());
            media.release(7);
            await().atMost(Duration.ofSeconds(2)).until(() -> media.legCount() == 0);
        }
    }

    @Test
    void unknownPromptFinishesAtOnceInsteadOfHanging() throws Exception {
        ConcurrentLinkedQueue<Input> events = new ConcurrentLinkedQueue<>();
        try (MediaServer media = new MediaServer(TestMedia.config(null), "ru", events::add, null)) {
            media.allocate(9, 9, true);
            media.connect(9, "127.0.0.1", 9, G711.PCMU, -1);
            media.play(9, "no-such-prompt");
            await().atMost(Duration.ofSeconds(2)).until(() -> events.contains(new Input.PromptFinished(9, "no-such-prompt", false)));
        }
    }

    @Test
    void shippedPromptsAreThereInBothLanguages() {
        for (String language : new String[] {"ru", "en"}) {
            PromptCatalogue catalogue = new PromptCatalogue(language, null);
            for (String name : new String[] {"greeting", "goodbye"}) {
                Prompt p = catalogue.find(name);
                assertThat(p).as(language + "/" + name).isNotNull();
                assertThat(p.durationMillis()).isBetween(1000L, 10_000L);
            }
        }
    }

    /**
     * Yana ({@code ivr-robot}) ships a {@code greeting} and {@code goodbye} of her own at {@code /ekc/prompts/<lang>/}
     * and asks for {@code ru/goodbye}; the engine asks for {@code goodbye} and means media's own. The test class
     * path stands in for the robot's jar with a 150 ms {@code /ekc/prompts/ru/goodbye.wav}; whichever comes first on
     * the class path, each name gets its own prompt.
     */
    @Test
    void aModulesPromptAndMediasOwnOfTheSameNameAreEachFoundByTheirName() {
        PromptCatalogue catalogue = new PromptCatalogue("ru", null);
        Prompt modules = catalogue.find("ru/goodbye");
        Prompt own = catalogue.find("goodbye");
        assertThat(modules.durationMillis()).as("the module's goodbye, 150 ms").isBetween(140L, 160L);
        assertThat(own.durationMillis()).as("media's own goodbye, spoken").isGreaterThan(1000L);
        assertThat(catalogue.find("ru/greeting")).as("no module's greeting here: media's own").isSameAs(catalogue.find("greeting"));
    }

    @Test
    void promptsMayBeNamedWithTheirLanguageAndPromptsDirWins() throws Exception {
        short[] mine = TestMedia.tone(700, 3000, 800);
        PromptCatalogue catalogue = new PromptCatalogue("ru", TestMedia.promptsDir(dir, "goodbye", mine));
        assertThat(catalogue.find("ru/goodbye")).isSameAs(catalogue.find("goodbye"));
        assertThat(catalogue.find("goodbye").frames()).as("the configured directory's goodbye, 100 ms").isEqualTo(5);
        assertThat(catalogue.find("en/goodbye")).as("another language's name").isNull();
        assertThat(catalogue.find("../ru/goodbye")).isNull();
    }

    @Test
    void stopPlaybackEndsThePromptAsInterrupted() throws Exception {
        short[] longTone = TestMedia.tone(440, 8000, 8000 * 5);
        List<Boolean> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (MediaServer media = new MediaServer(TestMedia.config(TestMedia.promptsDir(dir, "long", longTone).toString()),
                "ru", e -> { }, null);
             DatagramSocket phone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            media.allocate(3, 3, true);
            media.connect(3, "127.0.0.1", phone.getLocalPort(), G711.PCMU, -1);
            media.play(3, "long", done::add);
            phone.setSoTimeout(2000);
            phone.receive(new DatagramPacket(new byte[1500], 1500));
            media.stopPlayback(3);
            await().atMost(Duration.ofSeconds(2)).until(() -> done.equals(List.of(true)));
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
