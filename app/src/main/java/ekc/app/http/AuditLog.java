package ekc.app.http;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The audit log: one line per view of a card, a list or a recording, and per note added, allowed or not.
 * Called from HTTP worker threads; lines are written whole and flushed one at a time.
 */
final class AuditLog implements AutoCloseable {

    private final Clock clock;
    private final BufferedWriter out;

    AuditLog(Path file, Clock clock) {
        this.clock = clock;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file, e);
        }
    }

    /** {@code who} is an account name or "-" when nobody signed in. */
    synchronized void write(String who, String role, String action, String card, int status, String remote) {
        try {
            out.write(clock.instant() + " account=" + who + " role=" + role + " action=" + action + " card=" + card
                    + " status=" + status + " remote=" + remote);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
