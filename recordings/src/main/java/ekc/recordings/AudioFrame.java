package ekc.recordings;

/**
 * One RTP payload of a call, as journaled: G.711 (payload type 0 PCMU or 8 PCMA) from the caller or to
 * the caller, with the time it was received or sent.
 */
public record AudioFrame(long card, boolean fromCaller, long timeMillis, int payloadType, byte[] payload) {}
