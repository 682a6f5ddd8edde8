package ekc.recordings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;

/** Cards as JSON for {@code --json} and the HTTP API: every field of {@link Card}, times in epoch millis. Any thread. */
public final class CardJson {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private CardJson() {
    }

    public static String write(Card c) {
        return write((Object) c);
    }

    public static String write(List<Card> cards) {
        return write((Object) cards);
    }

    public static Card read(String json) {
        try {
            return JSON.readValue(json, Card.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a card: " + e.getOriginalMessage(), e);
        }
    }

    static String write(Object o) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
