package ekc.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import ekc.config.HttpAccountConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP API's tests talk to it as a client would: a real socket, a bearer token per account. Each account's
 * token is {@code token-<name>}; {@code who == null} sends none, {@code "not-a-token"} sends that string.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpApi api;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiClient(HttpApi api) {
        this.api = api;
    }

    /** The five accounts both tests sign in with: two supervisors, one operator per line, an administrator. */
    static List<HttpAccountConfig> accounts() {
        return List.of(
                account("sup-krd", "supervisor", null, "ОСФР Краснодарский край"),
                account("sup-all", "supervisor", null, null),
                account("op17", "first-line-operator", "op-17", null),
                account("op2", "second-line-operator", "op-2", null),
                account("admin", "expert-system-admin", null, null));
    }

    private static HttpAccountConfig account(String name, String role, String agentId, String center) {
        return new HttpAccountConfig(name, role, Accounts.sha256("token-" + name), agentId, center);
    }

    HttpResponse<String> get(String path, String who) throws IOException, InterruptedException {
        return http.send(request(path, who).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path, String who) throws IOException, InterruptedException {
        return http.send(request(path, who).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String who) throws IOException, InterruptedException {
        return http.send(request(path, who).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String who, String body) throws IOException, InterruptedException {
        return http.send(request(path, who).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String who) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
        if (who != null) {
            b.header("Authorization", "Bearer " + (who.equals("not-a-token") ? who : "token-" + who));
        }
        return b;
    }

    /** The card numbers of a 200 listing, in its order. */
    static List<Long> numbers(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Long> out = new ArrayList<>();
        JSON.readTree(r.body()).forEach(c -> out.add(c.get("number").asLong()));
        return out;
    }
}
