package ekc.config;

import java.util.Locale;
import java.util.Set;

/**
 * One account of the HTTP API (R38). The token itself is never stored: {@code tokenSha256} is the hex
 * SHA-256 of it ({@code printf %s TOKEN | sha256sum}). An operator ({@code first-line-operator},
 * {@code second-line-operator}) names their {@code agentId} and sees the cards they worked on; a
 * {@code supervisor} sees the cards of their {@code center} (a skill prefix such as
 * {@code ОСФР Краснодарский край}; left out: every card).
 */
public record HttpAccountConfig(String name, String role, String tokenSha256, String agentId, String center) {

    public static final Set<String> ROLES = Set.of("first-line-operator", "second-line-operator", "supervisor",
            "expert-system-admin", "kb-content-manager", "robot-content-manager");

    public HttpAccountConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an http account needs a name");
        }
        if (role == null || !ROLES.contains(role)) {
            throw new IllegalArgumentException("http account " + name + ": role must be one of " + new java.util.TreeSet<>(ROLES)
                    + ", not '" + role + "'");
        }
        if (tokenSha256 == null || !tokenSha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("http account " + name
                    + ": tokenSha256 must be 64 hex digits (printf %s TOKEN | sha256sum)");
        }
        tokenSha256 = tokenSha256.toLowerCase(Locale.ROOT);
        if (role.endsWith("-operator") && (agentId == null || agentId.isBlank())) {
            throw new IllegalArgumentException("http account " + name + ": an operator account needs agentId");
        }
    }
}
