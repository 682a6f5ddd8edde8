package ekc.recordings;

import java.util.List;

/**
 * The names of the fields an operator enters on a card (R31) and of the subscriber's details, as keys of
 * {@link ekc.engine.CardEvent.OperatorNote#fields()} and of the HTTP API.
 */
public final class OperatorFields {

    public static final String QUESTIONS = "questions";
    /** One or more topics (R15), separated by ';'. */
    public static final String TOPICS = "topics";
    public static final String COMMENT = "comment";
    public static final String SOURCE = "source";
    public static final String ANSWER = "answer";
    /** Date and time of an outbound call, ISO-8601. */
    public static final String OUTBOUND_CALL_AT = "outboundCallAt";
    public static final String NAME = "name";
    public static final String PATRONYMIC = "patronymic";
    public static final String CONTACT_PHONE = "contactPhone";
    public static final String SNILS = "snils";
    public static final String EMAIL = "email";
    public static final String RATING = "rating";

    public static final List<String> ALL = List.of(QUESTIONS, TOPICS, COMMENT, SOURCE, ANSWER, OUTBOUND_CALL_AT,
            NAME, PATRONYMIC, CONTACT_PHONE, SNILS, EMAIL, RATING);

    private OperatorFields() {
    }
}
