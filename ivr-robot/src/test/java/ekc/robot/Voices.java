package ekc.robot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Stands in for the media module's prompt player (the RTP path is tested by the lead's SIP end to
 * end): each prompt "plays" at once and reports done from another thread, as media does; or, when
 * held, keeps playing until stopped (barge-in).
 */
final class Voices implements Voice, AutoCloseable {

    record Played(long callId, String prompt) {}

    final List<Played> played = new CopyOnWriteArrayList<>();
    final List<Long> stopped = new CopyOnWriteArrayList<>();
    private final ExecutorService media = Executors.newSingleThreadExecutor();
    private final java.util.Map<Long, Consumer<Boolean>> playing = new java.util.concurrent.ConcurrentHashMap<>();
    /** Calls whose prompts play until stopped. */
    final java.util.Set<Long> held = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void play(long callId, String prompt, Consumer<Boolean> onDone) {
        played.add(new Played(callId, prompt));
        if (held.contains(callId)) {
            playing.put(callId, onDone);
        } else {
            media.execute(() -> onDone.accept(false));
        }
    }

    @Override
    public void stopPlayback(long callId) {
        stopped.add(callId);
        Consumer<Boolean> done = playing.remove(callId);
        if (done != null) {
            media.execute(() -> done.accept(true));
        }
    }

    List<String> prompts(long callId) {
        return played.stream().filter(p -> p.callId() == callId).map(Played::prompt).toList();
    }

    @Override
    public void close() {
        media.shutdownNow();
    }
}
