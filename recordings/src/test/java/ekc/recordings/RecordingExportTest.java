package ekc.recordings;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.NoSuchElementException;

import static ekc.recordings.Calls.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingExportTest {

    @TempDir
    Path dir;

    /** 20 ms of a tone as μ-law. */
    private static byte[] tone(int hz, int frame) {
        byte[] p = new byte[160];
        for (int i = 0; i < p.length; i++) {
            double t = (frame * 160 + i) / 8000.0;
            p[i] = G711.encodeUlaw((short) (8000 * Math.sin(2 * Math.PI * hz * t)));
        }
        return p;
    }

    @Test
    void theWavHasTheCallerLeftEkcRightTheTrueDurationAndSilenceBetween() throws Exception {
        try (Journal j = Journal.open(dir)) {
            Calls.robotCall(1, T0, "+79180000001").forEach(j::append);
            for (int f = 0; f < 100; f++) { // 2 s from the caller at 2 s, timestamps jittered by a few ms
                j.audio(1, true, T0 + 2_000 + f * 20 + (f % 3) * 3, tone(440, f), G711.PCMU);
            }
            for (int f = 0; f < 50; f++) { // 1 s from Yana at 5 s
                j.audio(1, false, T0 + 5_000 + f * 20, tone(1000, f), G711.PCMU);
            }
            j.audio(2, true, T0 + 3_000, tone(440, 0), G711.PCMU); // another call's frame
            RecordingExport.Result r = RecordingExport.write(j, 1, dir.resolve("out/1.wav"));
            assertThat(r.durationMillis()).isEqualTo(31_000);
            assertThat(r.callerFrames()).isEqualTo(100);
            assertThat(r.ekcFrames()).isEqualTo(50);
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(dir.resolve("out/1.wav").toFile())) {
            AudioFormat f = in.getFormat();
            assertThat(f.getChannels()).isEqualTo(2);
            assertThat(f.getSampleRate()).isEqualTo(8000f);
            assertThat(f.getSampleSizeInBits()).isEqualTo(16);
            assertThat(in.getFrameLength()).isEqualTo(31_000 * 8);
            short[][] s = samples(in.readAllBytes());
            assertThat(rms(s[0], 2_000, 4_000)).isGreaterThan(4000);
            assertThat(rms(s[1], 2_000, 4_000)).isZero();
            assertThat(rms(s[1], 5_000, 6_000)).isGreaterThan(4000);
            assertThat(rms(s[0], 5_000, 6_000)).isZero();
            assertThat(rms(s[0], 0, 1_990)).isZero();
            assertThat(rms(s[0], 4_020, 31_000)).isZero();
            assertThat(rms(s[1], 6_010, 31_000)).isZero();
        }
    }

    @Test
    void pcmaIsDecodedToo() throws Exception {
        byte[] loud = new byte[160];
        java.util.Arrays.fill(loud, (byte) 0xaa); // A-law for about +8000
        try (Journal j = Journal.open(dir)) {
            Calls.robotCall(3, T0, "+79180000003").forEach(j::append);
            j.audio(3, true, T0 + 1_000, loud, G711.PCMA);
            RecordingExport.write(j, 3, dir.resolve("3.wav"));
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(dir.resolve("3.wav").toFile())) {
            short[][] s = samples(in.readAllBytes());
            assertThat(Math.abs(s[0][8 * 1_000 + 10])).isGreaterThan(4000);
        }
    }

    @Test
    void aCardWithoutAudioGivesSilenceOfItsLength() throws Exception {
        try (Journal j = Journal.open(dir)) {
            Calls.robotCall(4, T0, "+79180000004").forEach(j::append);
        }
        RecordingExport.Result r = RecordingExport.write(dir, 4, dir.resolve("4.wav"));
        assertThat(r.durationMillis()).isEqualTo(31_000);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(dir.resolve("4.wav").toFile())) {
            assertThat(in.getFrameLength()).isEqualTo(31_000 * 8);
        }
    }

    @Test
    void anUnknownCardIsAClearError() {
        try (Journal j = Journal.open(dir)) {
            Calls.robotCall(1, T0, "+79180000001").forEach(j::append);
        }
        assertThatThrownBy(() -> RecordingExport.write(dir, 77, dir.resolve("77.wav")))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("no card 77");
        assertThat(dir.resolve("77.wav")).doesNotExist();
    }

    @Test
    void framesWaitingTogetherShareADocumentAndComeBackInOrder() {
        int frames = 300;
        try (Journal j = Journal.open(dir)) {
            for (int f = 0; f < frames; f++) {
                j.audio(5, f % 2 == 0, T0 + f * 20, tone(440, f), G711.PCMU);
            }
            j.drainAudio();
            assertThat(j.audioWritten()).isEqualTo(frames);
        }
        int documents = 0;
        int read = 0;
        boolean inOrder = true;
        try (SingleChronicleQueue q = Queues.openReadOnly(dir.resolve(Queues.AUDIO))) {
            ExcerptTailer t = q.createTailer();
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    documents++;
                    Bytes<?> b = dc.wire().bytes();
                    while (b.readRemaining() > 0) {
                        AudioFrame f = AudioWriter.read(b);
                        inOrder &= f.card() == 5 && f.timeMillis() == T0 + read * 20L && f.fromCaller() == (read % 2 == 0)
                                && java.util.Arrays.equals(f.payload(), tone(440, read));
                        read++;
                    }
                }
            }
        }
        assertThat(read).isEqualTo(frames);
        assertThat(inOrder).isTrue();
        // The writer sleeps at least 2 ms when it finds the ring empty; 300 frames offered in a loop wait together.
        assertThat(documents).isGreaterThanOrEqualTo(frames / AudioWriter.BATCH).isLessThan(frames / 2);
    }

    @Test
    void aJournalWrittenOneFramePerDocumentAsBeforeExportsTheSame() throws Exception {
        try (Journal j = Journal.open(dir)) {
            Calls.robotCall(6, T0, "+79180000006").forEach(j::append);
        }
        try (SingleChronicleQueue q = Queues.open(dir.resolve(Queues.AUDIO))) {
            ExcerptAppender a = q.createAppender();
            for (int f = 0; f < 100; f++) {
                try (DocumentContext dc = a.writingDocument()) {
                    AudioWriter.write(dc.wire().bytes(), new AudioFrame(6, true, T0 + 2_000 + f * 20, G711.PCMU, tone(440, f)));
                }
            }
        }
        RecordingExport.Result r = RecordingExport.write(dir, 6, dir.resolve("6.wav"));
        assertThat(r.callerFrames()).isEqualTo(100);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(dir.resolve("6.wav").toFile())) {
            short[][] s = samples(in.readAllBytes());
            assertThat(rms(s[0], 2_000, 4_000)).isGreaterThan(4000);
            assertThat(rms(s[0], 4_020, 31_000)).isZero();
        }
    }

    private static short[][] samples(byte[] pcm) {
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        int n = pcm.length / 4;
        short[][] s = new short[2][n];
        for (int i = 0; i < n; i++) {
            s[0][i] = b.getShort();
            s[1][i] = b.getShort();
        }
        return s;
    }

    private static double rms(short[] s, int fromMs, int toMs) {
        double sum = 0;
        for (int i = fromMs * 8; i < toMs * 8; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / ((toMs - fromMs) * 8));
    }
}
