package ekc.asterisk;

import ekc.config.AsteriskRoute;
import ekc.config.PhoneNumbers;
import ekc.engine.CallIds;
import ekc.engine.Channel;
import ekc.engine.Direction;
import ekc.engine.Input;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on a FastAGI pool thread, one request at a time per thread. {@code AGI(agi://ekc-host/route)}:
 * opens the card (CallOffered) for a new call, and answers with channel variables the dialplan
 * acts on: {@code EKC_CALL_ID}, {@code EKC_ROUTE} ({@code queue}, {@code agent} or {@code none}),
 * {@code EKC_QUEUE}, {@code EKC_AGENT_DEVICE}, {@code EKC_PROMPT}. A call that passes the route
 * again (after a transfer in the dialplan) keeps its card: its {@code EKC_CALL_ID} is read back.
 */
final class RouteScript implements AgiScript {

    static final String NAME = "route";

    private static final Logger LOG = LoggerFactory.getLogger(RouteScript.class);

    private final RouteTable routes;
    private final AsteriskAgents agents;
    private final AsteriskCalls calls;
    private final CallIds ids;
    private final PhoneNumbers numbers;
    private final Consumer<Input> engine;

    RouteScript(RouteTable routes, AsteriskAgents agents, AsteriskCalls calls, CallIds ids, PhoneNumbers numbers,
                Consumer<Input> engine) {
        this.routes = routes;
        this.agents = agents;
        this.calls = calls;
        this.ids = ids;
        this.numbers = numbers;
        this.engine = engine;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String uniqueId = request.getUniqueId();
        long callId = callId(request, channel);
        String[] args = request.getArguments();
        AsteriskRoute route = routes.find(args != null && args.length > 0 ? args[0] : null, request.getExtension());
        channel.setVariable("EKC_CALL_ID", Long.toString(callId));
        if (route == null) {
            LOG.warn("AGI: no route for extension {} (and no '{}' route); call {} left to the dialplan",
                    request.getExtension(), RouteTable.DEFAULT, callId);
            channel.setVariable("EKC_ROUTE", "none");
        } else {
            String device = route.agent() != null ? agents.device(route.agent()) : null;
            channel.setVariable("EKC_ROUTE", device != null ? "agent" : "queue");
            channel.setVariable("EKC_QUEUE", route.queue() != null ? route.queue() : "");
            channel.setVariable("EKC_AGENT_DEVICE", device != null ? device : "");
            channel.setVariable("EKC_PROMPT", route.prompt() != null ? route.prompt() : "");
        }
        try {
            // SET VARIABLE works on a dead channel too; CHANNEL STATUS does not (511): is the caller still there?
            channel.getChannelStatus();
        } catch (AgiHangupException e) {
            calls.callerGone(uniqueId, "hung up while EKC routed the call");
        }
    }

    private long callId(AgiRequest request, AgiChannel channel) throws AgiException {
        String known = channel.getVariable("EKC_CALL_ID");
        if (known != null && !known.isEmpty()) {
            try {
                return Long.parseLong(known);
            } catch (NumberFormatException e) {
                LOG.warn("AGI: channel {} has EKC_CALL_ID '{}', not a call id; opening a new card", request.getChannel(), known);
            }
        }
        long callId = ids.next();
        String caller = known(request.getCallerIdNumber());
        String e164 = caller == null ? null : numbers.e164(caller).orElse(caller);
        String called = known(request.getDnid());
        if (called == null) {
            called = request.getExtension();
        }
        String region = e164 == null ? null : numbers.region(e164).orElse(null);
        calls.callerArrived(new CallerLeg(callId, request.getUniqueId(), request.getChannel(), e164));
        engine.accept(new Input.CallOffered(callId, e164, numbers.e164(called).orElse(called), region, Channel.VOICE,
                Direction.INBOUND));
        return callId;
    }

    /** FastAGI sends {@code unknown} for a missing caller id or DNID; asterisk-java may give null. */
    private static String known(String value) {
        return value == null || value.isEmpty() || value.equals("unknown") ? null : value;
    }
}
