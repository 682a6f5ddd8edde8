package ekc.app;

import ekc.config.EkcConfig;
import java.nio.file.Path;

/** The lines EKC prints when it is ready. */
final class Banner {

    private Banner() {}

    static String listening(Ekc ekc, Path journal) {
        String line = listening(ekc.config, ekc.sipPort(), journal);
        return ekc.http == null ? line : line + "\nHTTP API: http://" + ekc.config.http().host() + ":" + ekc.http.port()
                + "/cards (OpenAPI at /openapi.json)";
    }

    static String listening(EkcConfig config, int port, Path journal) {
        String number = config.hotline().numbers().get(0).replace("+7", "8");
        return "EKC ready: call sip:" + number + "@" + config.sip().host() + ":" + port
                + " (" + String.join(", ", config.sip().transports()) + "); robot language " + config.robot().language()
                + "; journal " + journal.toAbsolutePath().normalize();
    }
}
