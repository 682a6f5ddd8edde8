package ekc.robot;

/** A knowledge base that cannot be used; the message names file, line and field. */
public final class KnowledgeBaseException extends RuntimeException {

    public KnowledgeBaseException(String message) {
        super(message);
    }
}
