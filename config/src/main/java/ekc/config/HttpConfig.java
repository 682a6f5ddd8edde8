package ekc.config;

import java.util.List;

/**
 * The HTTP API of cards and recordings: off unless enabled; where it listens (port 0: any free port);
 * the audit log of card views (relative to the data directory); the accounts (R38).
 */
public record HttpConfig(Boolean enabled, String host, Integer port, String auditLog, List<HttpAccountConfig> accounts) {

    public HttpConfig {
        enabled = enabled != null ? enabled : false;
        host = host != null ? host : "127.0.0.1";
        port = port != null ? port : 8080;
        auditLog = auditLog != null ? auditLog : "audit.log";
        accounts = accounts != null ? List.copyOf(accounts) : List.of();
        Check.port("port", port);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (HttpAccountConfig a : accounts) {
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("http account " + a.name() + " is listed twice");
            }
        }
    }
}
