package ekc.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP digest authentication for SIP (RFC 3261 §22, RFC 8760: MD5 and SHA-256, qop=auth).
 * Nonces are stateless: issue time plus an HMAC over it, so any lane can check any nonce and a
 * restart invalidates them all. Thread-safe.
 */
final class Digest {

    static final String MD5 = "MD5";
    static final String SHA256 = "SHA-256";
    static final long NONCE_LIFETIME_MS = 5 * 60_000L;

    enum Verdict { OK, STALE, WRONG }

    private final byte[] secret = new byte[32];
    private final String realm;

    Digest(String realm) {
        this.realm = realm;
        new SecureRandom().nextBytes(secret);
    }

    String realm() {
        return realm;
    }

    String nonce(long now) {
        String time = Long.toHexString(now);
        return time + "." + hmac(time);
    }

    /** The value of a WWW-Authenticate header for one algorithm. */
    String challenge(String algorithm, long now, boolean stale) {
        return "Digest realm=\"" + realm + "\", nonce=\"" + nonce(now) + "\", algorithm=" + algorithm
                + ", qop=\"auth\"" + (stale ? ", stale=true" : "");
    }

    /**
     * Checks an Authorization header's parameters against the user's HA1 for the algorithm it names.
     * {@code ha1} is null when the user has no hash for that algorithm (→ WRONG).
     */
    Verdict verify(Map<String, String> auth, String method, String ha1, long now) {
        String algorithm = auth.getOrDefault("algorithm", MD5);
        String nonce = auth.get("nonce");
        String uri = auth.get("uri");
        String response = auth.get("response");
        if (ha1 == null || nonce == null || uri == null || response == null || !realm.equals(auth.get("realm"))) {
            return Verdict.WRONG;
        }
        int dot = nonce.indexOf('.');
        if (dot <= 0 || !MessageDigest.isEqual(hmac(nonce.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.STALE; // not ours (e.g. from before a restart): challenge again
        }
        long issued;
        try {
            issued = Long.parseLong(nonce.substring(0, dot), 16);
        } catch (NumberFormatException e) {
            return Verdict.WRONG;
        }
        String expected = response(algorithm, ha1, nonce, auth.get("nc"), auth.get("cnonce"), auth.get("qop"), method, uri);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.WRONG;
        }
        return now - issued > NONCE_LIFETIME_MS ? Verdict.STALE : Verdict.OK;
    }

    /** The request-digest a client must send (RFC 7616 §3.4.1; without qop, RFC 2069's form). */
    static String response(String algorithm, String ha1, String nonce, String nc, String cnonce, String qop,
                           String method, String uri) {
        String ha2 = hash(algorithm, method + ":" + uri);
        return qop != null
                ? hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2)
                : hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
    }

    static String hash(String algorithm, String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(SHA256.equalsIgnoreCase(algorithm) ? "SHA-256" : "MD5");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HA1 as config stores it: H(username:realm:password). */
    static String ha1(String algorithm, String username, String realm, String password) {
        return hash(algorithm, username + ":" + realm + ":" + password);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] out = mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(out, 0, 16);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
