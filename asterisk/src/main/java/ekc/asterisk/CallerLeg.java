package ekc.asterisk;

/** The citizen's channel on Asterisk, as the FastAGI request described it. */
record CallerLeg(long callId, String uniqueId, String channel, String callerNumber) {}
