package ekc.config;

/** RTP: the address media is sent from and the port range for sessions; where prompts live. */
public record MediaConfig(String host, Integer rtpPortMin, Integer rtpPortMax, String promptsDir) {

    public MediaConfig {
        host = host != null ? host : "127.0.0.1";
        rtpPortMin = rtpPortMin != null ? rtpPortMin : 20000;
        rtpPortMax = rtpPortMax != null ? rtpPortMax : 29999;
        Check.port("rtpPortMin", rtpPortMin);
        Check.port("rtpPortMax", rtpPortMax);
        if (rtpPortMin > rtpPortMax) {
            throw new IllegalArgumentException("rtpPortMin " + rtpPortMin + " is above rtpPortMax " + rtpPortMax);
        }
        // null promptsDir: the prompts embedded in the application
    }
}
