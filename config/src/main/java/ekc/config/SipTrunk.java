package ekc.config;

/**
 * The outbound gateway EKC calls citizens through (call-backs, R20/R29), and the OPTIONS keepalive
 * towards it. {@code gateway} is {@code host:port}; none by default (call-backs then fail with a
 * clear reason). {@code callerId} is the number citizens see.
 */
public record SipTrunk(String gateway, String transport, Integer keepaliveSeconds, String callerId) {

    public SipTrunk {
        transport = transport != null ? transport : "udp";
        keepaliveSeconds = keepaliveSeconds != null ? keepaliveSeconds : 30;
        callerId = callerId != null ? callerId : "+78001000001";
        if (!transport.equals("udp") && !transport.equals("tcp")) {
            throw new IllegalArgumentException("trunk transport must be udp or tcp, not '" + transport + "'");
        }
        if (gateway != null && !gateway.matches("[^:\\s]+(:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("trunk gateway must be host or host:port, not '" + gateway + "'");
        }
        if (keepaliveSeconds < 0) {
            throw new IllegalArgumentException("keepaliveSeconds must be 0 (off) or more");
        }
    }
}
