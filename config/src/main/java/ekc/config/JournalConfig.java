package ekc.config;

/**
 * Where cards, transcripts and audio are journaled (relative to the data directory); how long recordings
 * are kept (cards are kept for ever); the free disk space below which recording stops so card events
 * still have room.
 */
public record JournalConfig(String dir, Integer recordingRetentionDays, Integer minFreeMb) {

    public JournalConfig {
        dir = dir != null ? dir : "journal";
        recordingRetentionDays = recordingRetentionDays != null ? recordingRetentionDays : 1095;
        minFreeMb = minFreeMb != null ? minFreeMb : 256;
        if (recordingRetentionDays < 1) {
            throw new IllegalArgumentException("recordingRetentionDays must be at least 1, not " + recordingRetentionDays);
        }
        if (minFreeMb < 0) {
            throw new IllegalArgumentException("minFreeMb must not be negative, not " + minFreeMb);
        }
    }

    public JournalConfig(String dir) {
        this(dir, null, null);
    }
}
