package ekc.config;

import java.util.List;

/** Where EKC listens for SIP. */
public record SipConfig(String host, Integer port, List<String> transports) {

    public SipConfig {
        host = host != null ? host : "127.0.0.1";
        port = port != null ? port : 5060;
        transports = transports != null ? List.copyOf(transports) : List.of("udp", "tcp");
        Check.port("port", port);
        for (String t : transports) {
            if (!t.equals("udp") && !t.equals("tcp")) {
                throw new IllegalArgumentException("transport must be udp or tcp, not '" + t + "'");
            }
        }
    }
}
