package ekc.app.http;

import ekc.config.HttpAccountConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Bearer tokens to accounts, by the SHA-256 the config holds (tokens are never stored). Any thread. */
final class Accounts {

    private final Map<String, Account> byHash = new HashMap<>();

    Accounts(List<HttpAccountConfig> accounts) {
        for (HttpAccountConfig a : accounts) {
            byHash.put(a.tokenSha256(), Account.of(a));
        }
    }

    /** The account of an {@code Authorization: Bearer …} header, if the token is one of ours. */
    Optional<Account> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String hash = sha256(authorization.substring(7).strip());
        byte[] given = hash.getBytes(StandardCharsets.US_ASCII);
        Account found = null;
        // Compare against every hash in constant time, so timing tells nothing about tokens.
        for (Map.Entry<String, Account> e : byHash.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.US_ASCII))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
