package ekc.asterisk;

import ekc.config.AsteriskRoute;
import java.util.Map;

/**
 * Where the dialplan's {@code AGI(agi://ekc-host/route[,name])} sends a call, from the
 * {@code asterisk.routes} config: by the first AGI argument, else by the dialed extension, else
 * the route named {@code default}. Immutable.
 *
 * <p>A stand-in until the engine can answer a routing question synchronously: FastAGI must reply
 * while Asterisk waits, and the engine's queues are not yet reachable from here.
 */
final class RouteTable {

    static final String DEFAULT = "default";

    private final Map<String, AsteriskRoute> routes;

    RouteTable(Map<String, AsteriskRoute> routes) {
        this.routes = Map.copyOf(routes);
    }

    /** The route for a request, or null when none applies. */
    AsteriskRoute find(String firstArgument, String extension) {
        if (firstArgument != null && !firstArgument.isEmpty()) {
            AsteriskRoute r = routes.get(firstArgument);
            if (r != null) {
                return r;
            }
        }
        if (extension != null) {
            AsteriskRoute r = routes.get(extension);
            if (r != null) {
                return r;
            }
        }
        return routes.get(DEFAULT);
    }
}
