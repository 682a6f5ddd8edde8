package ekc.config;

/**
 * An operator's phone account on EKC's registrar, keyed to the agent id (the operator ID on the
 * card). Passwords are never stored: only the digest HA1 hashes, {@code H(username:realm:password)},
 * with MD5 and with SHA-256 (RFC 8760); either may be left out to refuse that algorithm. HA1 depends
 * on the realm: change the realm, recompute the hashes.
 */
public record SipUser(String agentId, String username, String ha1Md5, String ha1Sha256) {

    public SipUser {
        if (agentId == null || agentId.isBlank()) {
            throw new IllegalArgumentException("a SIP user needs the agentId it belongs to");
        }
        username = username != null ? username : agentId;
        if (ha1Md5 == null && ha1Sha256 == null) {
            throw new IllegalArgumentException("SIP user " + username + ": give ha1Md5 or ha1Sha256 (or both)");
        }
        if (ha1Md5 != null && !ha1Md5.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("SIP user " + username + ": ha1Md5 must be 32 hex digits");
        }
        if (ha1Sha256 != null && !ha1Sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("SIP user " + username + ": ha1Sha256 must be 64 hex digits");
        }
        ha1Md5 = ha1Md5 != null ? ha1Md5.toLowerCase() : null;
        ha1Sha256 = ha1Sha256 != null ? ha1Sha256.toLowerCase() : null;
    }
}
