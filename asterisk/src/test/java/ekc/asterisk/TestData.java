package ekc.asterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The wire transcripts in shared/testdata/asterisk: from the {@code ekc.testdata} system property
 * (Surefire sets it), else from the nearest {@code shared/testdata} above the working directory
 * (a git worktree sits one level deeper than the main checkout).
 */
final class TestData {

    private static final Path ROOT = locate();

    private TestData() {}

    static String ami(String name) {
        return read(ROOT.resolve("ami").resolve(name));
    }

    static String amiEvent(String name) {
        return read(ROOT.resolve("ami").resolve("events").resolve(name + ".asterisk.txt"));
    }

    static String agi(String name) {
        return read(ROOT.resolve("agi").resolve(name));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("test data missing: " + p, e);
        }
    }

    private static Path locate() {
        String prop = System.getProperty("ekc.testdata");
        if (prop != null && Files.isDirectory(Path.of(prop, "asterisk"))) {
            return Path.of(prop, "asterisk");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testdata").resolve("asterisk");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/testdata/asterisk not found (ekc.testdata=" + prop + ")");
    }
}
