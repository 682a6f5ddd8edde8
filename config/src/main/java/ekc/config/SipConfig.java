package ekc.config;

import java.util.List;

/**
 * The SIP side: where EKC listens, the registrar for operators' phones (realm and digest
 * credentials), flood limits, the outbound trunk for call-backs, which destinations EKC may ever
 * call (toll-fraud guard), and the transfer service codes operators dial.
 */
public record SipConfig(String host, Integer port, List<String> transports, String realm, List<SipUser> users,
                        Integer minExpires, Integer maxExpires, SipLimits limits, SipTrunk trunk,
                        List<String> allowedDestinations, List<String> deniedDestinations,
                        SipTransfers transfers, Integer agentRingSeconds,
                        List<String> digestAlgorithms) {

    /** The demo operators' phones (see ekc-default.yaml): passwords demo25722 and demo31001, realm ekc. */
    static final List<SipUser> DEMO_USERS = List.of(
            new SipUser("25722", "25722", "0f8aad5b046f0fbea53a655dc4a9191c",
                    "552db88ca3e133d57eb1ac528e3cbe7e5443df0f8fe1406e553285ecd935c7fd"),
            new SipUser("31001", "31001", "3c29d53e5281d7692a4ddc33048c76f2",
                    "2eb0774ac301e54311c8911d604d70fddb9cf7438efe727818c7108dfe29186a"));

    public SipConfig {
        host = host != null ? host : "127.0.0.1";
        port = port != null ? port : 5060;
        transports = transports != null ? List.copyOf(transports) : List.of("udp", "tcp");
        realm = realm != null ? realm : "ekc";
        users = users != null ? List.copyOf(users) : DEMO_USERS;
        minExpires = minExpires != null ? minExpires : 60;
        maxExpires = maxExpires != null ? maxExpires : 3600;
        limits = limits != null ? limits : new SipLimits(null, null, null, null, null, null);
        trunk = trunk != null ? trunk : new SipTrunk(null, null, null, null);
        allowedDestinations = allowedDestinations != null ? List.copyOf(allowedDestinations) : List.of("+7");
        deniedDestinations = deniedDestinations != null ? List.copyOf(deniedDestinations) : List.of("+7809");
        transfers = transfers != null ? transfers : new SipTransfers(null, null, null);
        agentRingSeconds = agentRingSeconds != null ? agentRingSeconds : 30;
        digestAlgorithms = digestAlgorithms != null ? List.copyOf(digestAlgorithms) : List.of("SHA-256", "MD5");
        Check.port("port", port);
        for (String t : transports) {
            if (!t.equals("udp") && !t.equals("tcp")) {
                throw new IllegalArgumentException("transport must be udp or tcp, not '" + t + "'");
            }
        }
        if (realm.isBlank()) {
            throw new IllegalArgumentException("realm must not be blank");
        }
        if (minExpires < 1 || maxExpires < minExpires) {
            throw new IllegalArgumentException("need 1 <= minExpires <= maxExpires, not " + minExpires + ", " + maxExpires);
        }
        for (String d : allowedDestinations) {
            prefix("allowedDestinations", d);
        }
        for (String d : deniedDestinations) {
            prefix("deniedDestinations", d);
        }
        if (agentRingSeconds < 1) {
            throw new IllegalArgumentException("agentRingSeconds must be at least 1, not " + agentRingSeconds);
        }
        if (digestAlgorithms.isEmpty()) {
            throw new IllegalArgumentException("digestAlgorithms: name at least one of SHA-256, MD5");
        }
        for (String a : digestAlgorithms) {
            if (!a.equals("SHA-256") && !a.equals("MD5")) {
                throw new IllegalArgumentException("digestAlgorithms: SHA-256 or MD5, not '" + a + "'");
            }
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (SipUser u : users) {
            if (!names.add(u.username())) {
                throw new IllegalArgumentException("SIP user '" + u.username() + "' is configured twice");
            }
        }
    }

    /** Where to listen; everything else takes its default. */
    public SipConfig(String host, Integer port, List<String> transports) {
        this(host, port, transports, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static void prefix(String field, String p) {
        if (p == null || !p.matches("\\+[0-9]{1,15}")) {
            throw new IllegalArgumentException(field + ": '" + p + "' is not an E.164 prefix like +7 or +7495");
        }
    }
}
