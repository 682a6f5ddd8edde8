package ekc.recordings;

/**
 * Which cards to list; every criterion left null matches all. {@code from}/{@code to} bound the time
 * received (epoch millis, from inclusive, to exclusive); {@code operator} is an operator id or name.
 */
public record CardFilter(Long from, Long to, String caller, String status, String topic, String operator, int limit) {

    public CardFilter {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
    }

    public static CardFilter all() {
        return new CardFilter(null, null, null, null, null, null, Integer.MAX_VALUE);
    }

    public CardFilter withLimit(int n) {
        return new CardFilter(from, to, caller, status, topic, operator, n);
    }

    public CardFilter withPeriod(Long fromMillis, Long toMillis) {
        return new CardFilter(fromMillis, toMillis, caller, status, topic, operator, limit);
    }

    public CardFilter withCaller(String c) {
        return new CardFilter(from, to, c, status, topic, operator, limit);
    }

    public CardFilter withStatus(String s) {
        return new CardFilter(from, to, caller, s, topic, operator, limit);
    }

    public CardFilter withTopic(String t) {
        return new CardFilter(from, to, caller, status, t, operator, limit);
    }

    public CardFilter withOperator(String o) {
        return new CardFilter(from, to, caller, status, topic, o, limit);
    }
}
