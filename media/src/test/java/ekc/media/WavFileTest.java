package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** WAV headers of any layout; clear errors for what a prompt cannot be. */
class WavFileTest {

    @Test
    void readsPcmWithExtraChunksAndAnEighteenByteFmt() throws IOException {
        short[] pcm = TestMedia.tone(500, 5000, 801); // odd length: the data chunk gets a pad byte
        assertThat(WavFile.read8k(TestMedia.wav16(pcm, 8000), "t.wav")).containsExactly(pcm);
    }

    @Test
    void readsTheShippedMuLawPromptsWithTheirFactChunk() throws IOException {
        try (var in = getClass().getResourceAsStream("/ekc/media/prompts/ru/greeting.wav")) {
            byte[] wav = in.readAllBytes();
            assertThat(ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(16)).as("fmt size").isEqualTo(18);
            short[] pcm = WavFile.read8k(wav, "greeting.wav");
            assertThat(pcm.length).isBetween(8000 * 3, 8000 * 9);
        }
    }

    @Test
    void sixteenKilohertzIsDecimatedAndOtherRatesAreRefusedClearly() throws IOException {
        short[] at16k = new short[1600];
        assertThat(WavFile.read8k(TestMedia.wav16(at16k, 16000), "t.wav")).hasSize(800);
        assertThatThrownBy(() -> WavFile.read8k(TestMedia.wav16(at16k, 44100), "hello.wav"))
                .hasMessageContaining("hello.wav").hasMessageContaining("44100").hasMessageContaining("sox");
        assertThatThrownBy(() -> WavFile.read8k("RIFF....WAVEjunk".getBytes(), "bad.wav"))
                .hasMessageContaining("bad.wav").hasMessageContaining("no data chunk");
        assertThatThrownBy(() -> WavFile.read8k("not a wav".getBytes(), "x.txt")).hasMessageContaining("not a RIFF/WAVE");
    }
}
