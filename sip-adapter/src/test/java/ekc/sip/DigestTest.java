package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestTest {

    @Test
    void computesTheRfc7616ExampleForSha256AndMd5() {
        // RFC 7616 §3.9.1: Mufasa / "Circle of Life" at http-auth@example.org
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        for (String[] c : new String[][] {
                {Digest.SHA256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"},
                {Digest.MD5, "8ca523f5e9506fed4657c9700eebdbec"}}) {
            String ha1 = Digest.ha1(c[0], "Mufasa", "http-auth@example.org", "Circle of Life");
            assertThat(Digest.response(c[0], ha1, nonce, "00000001", cnonce, "auth", "GET", "/dir/index.html"))
                    .isEqualTo(c[1]);
        }
    }

    @Test
    void acceptsItsOwnFreshNonceAndRejectsForgedStaleAndWrongOnes() {
        Digest digest = new Digest("ekc");
        String ha1 = Digest.ha1(Digest.SHA256, "25722", "ekc", "demo25722");
        long now = 1_000_000_000L;
        String nonce = digest.nonce(now);
        Map<String, String> auth = new HashMap<>(Map.of("realm", "ekc", "nonce", nonce, "uri", "sip:ekc",
                "algorithm", "SHA-256", "qop", "auth", "nc", "00000001", "cnonce", "x"));
        auth.put("response", Digest.response(Digest.SHA256, ha1, nonce, "00000001", "x", "auth", "REGISTER", "sip:ekc"));
        assertThat(digest.verify(auth, "REGISTER", ha1, now + 1000)).isEqualTo(Digest.Verdict.OK);
        assertThat(digest.verify(auth, "REGISTER", ha1, now + Digest.NONCE_LIFETIME_MS + 1)).isEqualTo(Digest.Verdict.STALE);
        assertThat(digest.verify(auth, "REGISTER", Digest.ha1(Digest.SHA256, "25722", "ekc", "guess"), now)).isEqualTo(Digest.Verdict.WRONG);
        assertThat(digest.verify(auth, "REGISTER", null, now)).isEqualTo(Digest.Verdict.WRONG);
        auth.put("nonce", Long.toHexString(now) + ".00000000000000000000000000000000");
        assertThat(digest.verify(auth, "REGISTER", ha1, now)).isEqualTo(Digest.Verdict.STALE);
    }
}
