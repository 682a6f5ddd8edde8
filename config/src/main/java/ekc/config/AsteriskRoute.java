package ekc.config;

/**
 * Where a call that Asterisk's dialplan asks about goes: a queue on Asterisk, an agent (an EKC
 * agent id from {@code asterisk.agents}), and a prompt to play first. Any of them may be left out.
 */
public record AsteriskRoute(String queue, String agent, String prompt) {

    public AsteriskRoute {
        if (queue == null && agent == null) {
            throw new IllegalArgumentException("a route needs a queue or an agent");
        }
    }
}
