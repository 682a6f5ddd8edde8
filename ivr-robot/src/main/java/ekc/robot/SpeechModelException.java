package ekc.robot;

/** The Vosk model is missing or unreadable; the message names the path and where to get a model. */
public final class SpeechModelException extends RuntimeException {

    public SpeechModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
