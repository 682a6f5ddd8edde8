package ekc.asterisk;

import ekc.config.AsteriskConfig;
import ekc.config.EkcConfig;
import ekc.config.PhoneNumbers;
import ekc.engine.CallIds;
import ekc.engine.Command;
import ekc.engine.Input;
import java.util.Map;
import java.util.function.Consumer;
import org.asteriskjava.fastagi.AgiScript;

/**
 * EKC's side of an Asterisk PBX. Constructed and started by the app; {@link #owns} and
 * {@link #execute} are called from the app's command dispatcher and only enqueue. Inside:
 * the {@code ekc-ami} thread keeps the manager connection up; asterisk-java's event thread turns
 * AMI events into Inputs; {@code ekc-ami-actions} sends the actions; {@code ekc-agi} and its pool
 * serve FastAGI. Inputs go to the engine through the consumer given (the app passes
 * {@code EngineRing::publish}).
 */
public final class AsteriskAdapter implements AutoCloseable {

    private final AsteriskConfig config;
    private final AsteriskAgents agents;
    private final AsteriskCalls calls;
    private final AmiSecret secret;
    private final AmiEvents events;
    private final AmiLink link;
    private final AmiCommands commands;
    private final AgiEndpoint agi;

    public AsteriskAdapter(EkcConfig config, Consumer<Input> engine, CallIds ids) {
        this(config, engine, ids, Map.of());
    }

    /** With extra FastAGI scripts beside {@code route}, by URL path. */
    AsteriskAdapter(EkcConfig config, Consumer<Input> engine, CallIds ids, Map<String, AgiScript> extraScripts) {
        this.config = config.asterisk();
        this.agents = new AsteriskAgents(this.config.agents());
        this.calls = new AsteriskCalls(agents, engine);
        this.secret = new AmiSecret(this.config);
        this.events = new AmiEvents(agents, calls, new Presence(engine));
        this.link = new AmiLink(this.config, secret, events);
        this.commands = new AmiCommands(this.config, agents, calls, engine, link::connection);
        PhoneNumbers numbers = new PhoneNumbers(config.hotline().defaultRegion());
        Map<String, AgiScript> scripts = new java.util.HashMap<>(extraScripts);
        scripts.put(RouteScript.NAME, new RouteScript(new RouteTable(this.config.routes()), agents, calls, ids, numbers, engine));
        scripts.put(OutcomeScript.NAME, new OutcomeScript(calls));
        this.agi = new AgiEndpoint(this.config.agiHost(), this.config.agiPort(), scripts);
    }

    /**
     * Starts the FastAGI server and the AMI link (which logs in in the background and keeps
     * retrying). Does nothing when {@code asterisk.enabled} is false.
     *
     * @throws IllegalStateException when the AMI secret cannot be read (names the file or variable)
     */
    public void start() {
        if (!config.enabled()) {
            return;
        }
        secret.read(); // fail at start-up, not in a log line a minute later
        agi.start();
        link.start();
    }

    /**
     * Whether a command is for Asterisk alone: one about an operator whose phone is on Asterisk
     * (RingAgent, CancelAgent, Bridge, ReleaseAgent, DialCitizen, WarnAgent), or one about a call
     * whose citizen is on Asterisk (came in through {@code AGI(route)}). A HangUp of a citizen on
     * EKC's SIP side is never Asterisk's, even when its operator is.
     */
    public boolean owns(Command c) {
        if (!config.enabled()) {
            return false;
        }
        String agentId = agentOf(c);
        if (agentId != null) {
            return agents.has(agentId);
        }
        return calls.caller(c.callId()) != null;
    }

    /** Enqueues the command for the AMI thread; never blocks. */
    public void execute(Command c) {
        commands.submit(c);
    }

    /** Whether the manager connection is logged in now. */
    public boolean amiConnected() {
        return link.connection() != null;
    }

    /** AMI events received since start. */
    public long amiEventsReceived() {
        return events.received();
    }

    /** Whether EKC holds the citizen of this call (between operators), so a HangUp ends it. */
    boolean holds(long callId) {
        CallerLeg caller = calls.caller(callId);
        return caller != null && calls.held(caller);
    }

    int amiLogins() {
        return link.logins();
    }

    int amiFailures() {
        return link.failures();
    }

    private static String agentOf(Command c) {
        if (c instanceof Command.RingAgent) {
            return ((Command.RingAgent) c).agentId();
        } else if (c instanceof Command.CancelAgent) {
            return ((Command.CancelAgent) c).agentId();
        } else if (c instanceof Command.Bridge) {
            return ((Command.Bridge) c).agentId();
        } else if (c instanceof Command.ReleaseAgent) {
            return ((Command.ReleaseAgent) c).agentId();
        } else if (c instanceof Command.DialCitizen) {
            return ((Command.DialCitizen) c).agentId();
        } else if (c instanceof Command.WarnAgent) {
            return ((Command.WarnAgent) c).agentId();
        }
        return null;
    }

    @Override
    public void close() {
        if (!config.enabled()) {
            return;
        }
        link.close();
        commands.close();
        agi.close();
    }
}
