package ekc.asterisk;

import ekc.config.AsteriskConfig;
import ekc.engine.Command;
import ekc.engine.Input;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's commands for Asterisk on its own thread, {@code ekc-ami-actions}: the
 * dispatcher only enqueues. RingAgent becomes an Originate to the operator's device (or, when the
 * citizen's channel is itself on Asterisk, a Redirect of that channel to the operator's
 * extension); DialCitizen an Originate into the outbound context. CancelAgent and ReleaseAgent
 * hang up the operator's leg, or, for a citizen on Asterisk, Redirect the citizen to EKC's hold
 * extension (which ends the leg and keeps the citizen). HangUp ends the legs EKC originated, and
 * the citizen's channel only while EKC holds it: otherwise the dialplan owns that call. Nothing is lost while AMI is down: a ring that cannot be sent
 * comes back to the engine as AgentRejected.
 */
final class AmiCommands implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AmiCommands.class);

    /** The extension of the agent context where EKC parks a citizen between operators (see docs/asterisk.md). */
    static final String HOLD = "ekc-hold";

    private final AsteriskConfig config;
    private final AsteriskAgents agents;
    private final AsteriskCalls calls;
    private final Consumer<Input> engine;
    private final Supplier<ManagerConnection> connection;
    private final AtomicLong sequence = new AtomicLong();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ekc-ami-actions");
        t.setDaemon(true);
        return t;
    });

    AmiCommands(AsteriskConfig config, AsteriskAgents agents, AsteriskCalls calls, Consumer<Input> engine,
                Supplier<ManagerConnection> connection) {
        this.config = config;
        this.agents = agents;
        this.calls = calls;
        this.engine = engine;
        this.connection = connection;
    }

    void submit(Command c) {
        thread.execute(() -> {
            try {
                run(c);
            } catch (RuntimeException e) {
                // the command's fields may hold a citizen's number: name it by kind and call only
                LOG.error("AMI: {} for call {} failed", c.getClass().getSimpleName(), c.callId(), e);
            }
        });
    }

    private void run(Command c) {
        CallerLeg caller = calls.caller(c.callId());
        if (c instanceof Command.RingAgent) {
            Command.RingAgent r = (Command.RingAgent) c;
            if (caller != null) {
                redirect(r.callId(), r.agentId(), caller);
            } else {
                originate(r.callId(), r.agentId(), config.agentContext(), "s", null);
            }
        } else if (c instanceof Command.DialCitizen) {
            Command.DialCitizen d = (Command.DialCitizen) c;
            originate(d.callId(), d.agentId(), config.outboundContext(), dialable(d.number()), d.number());
        } else if (c instanceof Command.CancelAgent || c instanceof Command.ReleaseAgent) {
            String agentId = c instanceof Command.CancelAgent ? ((Command.CancelAgent) c).agentId()
                    : ((Command.ReleaseAgent) c).agentId();
            if (caller != null) {
                // the operator's leg hangs off the citizen's Dial/Queue: taking the citizen out of it to
                // EKC's hold ends that leg and keeps the citizen, e.g. for a transfer
                hold(caller);
            } else {
                hangUpAgent(c.callId(), agentId);
            }
        } else if (c instanceof Command.HangUp) {
            for (AgentLeg leg : calls.legs(c.callId())) {
                if (leg.originated) {
                    hangUp(leg.handle());
                }
            }
            if (caller != null) {
                if (calls.held(caller)) {
                    hangUp(caller.channel());
                } else {
                    // the citizen is in the dialplan (a queue, an operator): the dialplan ends that call
                    LOG.info("AMI: call {} ({}): the citizen's channel is left to the Asterisk dialplan",
                            c.callId(), ((Command.HangUp) c).reason());
                }
            }
        } else {
            // Bridge: the dialplan connects the legs. AnswerCall, PlayPrompt and the robot: the dialplan
            // that called AGI(route) answers and plays the routed prompt itself. WarnAgent: no display.
            LOG.debug("AMI: {} for call {} is done by the Asterisk dialplan", c.getClass().getSimpleName(), c.callId());
        }
    }

    private void hold(CallerLeg caller) {
        RedirectAction a = new RedirectAction(caller.channel(), config.agentContext(), HOLD, 1);
        send(a, r -> {
            if (r instanceof ManagerError) {
                LOG.warn("AMI: call {}: putting the citizen on hold failed: {}", caller.callId(), r.getMessage());
            } else {
                calls.holding(caller);
            }
        }, () -> LOG.warn("AMI: not connected; call {} not put on hold", caller.callId()));
    }

    private void originate(long callId, String agentId, String context, String exten, String citizen) {
        String device = agents.device(agentId);
        String actionId = "ekc-" + callId + "-" + sequence.incrementAndGet();
        // our own uniqueid for the operator's channel: it names the channel in Hangup before Asterisk says its name
        String channelId = actionId;
        OriginateAction o = new OriginateAction();
        o.setActionId(actionId);
        o.setChannel(device);
        o.setChannelId(channelId);
        o.setContext(context);
        o.setExten(exten);
        o.setPriority(1);
        o.setTimeout(config.ringSeconds() * 1000L);
        o.setAsync(true);
        o.setCallerId(citizen != null ? "\"EKC\" <" + callId + ">" : "\"EKC " + callId + "\" <" + callId + ">");
        o.setVariable("EKC_CALL_ID", Long.toString(callId));
        o.setVariable("EKC_AGENT", agentId);
        calls.originating(actionId, callId, agentId, channelId).originated = true;
        send(o, r -> {
            if (r instanceof ManagerError) {
                calls.originateRefused(actionId, r.getMessage());
            }
        }, () -> calls.originateRefused(actionId, "AMI not connected"));
    }

    private void redirect(long callId, String agentId, CallerLeg caller) {
        AgentLeg leg = calls.redirecting(callId, agentId, caller.uniqueId());
        RedirectAction a = new RedirectAction(caller.channel(), config.agentContext(), agents.extension(agentId), 1);
        send(a, r -> {
            if (r instanceof ManagerError) {
                calls.redirectRefused(caller.uniqueId(), leg, r.getMessage());
            }
        }, () -> calls.redirectRefused(caller.uniqueId(), leg, "AMI not connected"));
    }

    private void hangUpAgent(long callId, String agentId) {
        AgentLeg leg = calls.leg(callId, agentId);
        if (leg != null && leg.handle() != null) {
            hangUp(leg.handle());
        }
    }

    private void hangUp(String channel) {
        send(new HangupAction(channel), r -> {
            if (r instanceof ManagerError) {
                // the channel ended on its own meanwhile: its Hangup event has told the engine
                LOG.debug("AMI: Hangup {}: {}", channel, r.getMessage());
            }
        }, () -> LOG.warn("AMI: not connected; channel {} not hung up", channel));
    }

    private void send(ManagerAction action, java.util.function.Consumer<ManagerResponse> onResponse, Runnable offline) {
        ManagerConnection c = connection.get();
        if (c == null) {
            offline.run();
            return;
        }
        try {
            c.sendAction(action, onResponse::accept);
        } catch (IOException | IllegalStateException e) {
            LOG.warn("AMI: {} not sent: {}", action.getAction(), e.getMessage());
            offline.run();
        }
    }

    /** Asterisk extensions are digits (and +): {@code +7 (912) 345-67-89} → {@code +79123456789}. */
    static String dialable(String number) {
        return number.replaceAll("[^0-9+*#]", "");
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
