package ekc.config;

/** Small validations shared by the sections. */
final class Check {

    private Check() {}

    static void port(String field, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(field + " must be 0..65535, not " + port);
        }
    }
}
