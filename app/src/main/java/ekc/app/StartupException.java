package ekc.app;

/** EKC cannot start; the message says what to do. */
final class StartupException extends RuntimeException {

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
