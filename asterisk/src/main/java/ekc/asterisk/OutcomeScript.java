package ekc.asterisk;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on a FastAGI pool thread. {@code AGI(agi://ekc-host/outcome)}, placed after the dialplan's
 * {@code Queue()} / {@code Dial()} or in its {@code h} extension, tells EKC how the routed call
 * ended there: it reads {@code EKC_CALL_ID}, {@code QUEUESTATUS} and {@code DIALSTATUS} (GET
 * VARIABLE works on a dead channel too). The card gets it with the citizen's hang-up, as the cause
 * ({@code Asterisk: Normal Clearing (queue TIMEOUT)}), which AMI reports after the {@code h}
 * extension has run.
 */
final class OutcomeScript implements AgiScript {

    static final String NAME = "outcome";

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeScript.class);

    private final AsteriskCalls calls;

    OutcomeScript(AsteriskCalls calls) {
        this.calls = calls;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String id = channel.getVariable("EKC_CALL_ID");
        if (id == null || id.isEmpty()) {
            LOG.warn("AGI outcome: channel {} never passed AGI(route): no EKC_CALL_ID", request.getChannel());
            return;
        }
        long callId;
        try {
            callId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            LOG.warn("AGI outcome: channel {} has EKC_CALL_ID '{}', not a call id", request.getChannel(), id);
            return;
        }
        String queue = channel.getVariable("QUEUESTATUS");
        String dial = channel.getVariable("DIALSTATUS");
        StringBuilder outcome = new StringBuilder();
        if (queue != null && !queue.isEmpty()) {
            outcome.append("queue ").append(queue);
        }
        if (dial != null && !dial.isEmpty()) {
            outcome.append(outcome.length() > 0 ? ", " : "").append("dial ").append(dial);
        }
        if (outcome.length() > 0) {
            calls.outcome(callId, outcome.toString());
        }
    }
}
