package ekc.asterisk;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.ExtensionStatusEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called on asterisk-java's event thread (one per connection), except {@link #connected} on the
 * {@code ekc-ami} thread. Turns the AMI events EKC asks for into engine Inputs through
 * {@link AsteriskCalls} and {@link Presence}; everything else is dropped here (and, with the
 * Filter action in place, never leaves Asterisk).
 */
final class AmiEvents implements AmiLink.Listener {

    /** The events used, as Asterisk names them; the Filter action lets only these through. */
    static final List<String> USED = List.of("OriginateResponse", "Hangup", "BridgeEnter", "AgentConnect",
            "DeviceStateChange", "ExtensionStatus", "QueueMemberStatus", "QueueMemberPause");

    private static final Logger LOG = LoggerFactory.getLogger(AmiEvents.class);

    private final AsteriskAgents agents;
    private final AsteriskCalls calls;
    private final Presence presence;
    private final AtomicLong received = new AtomicLong();

    AmiEvents(AsteriskAgents agents, AsteriskCalls calls, Presence presence) {
        this.agents = agents;
        this.calls = calls;
        this.presence = presence;
    }

    /** After every login: ask for the queues' members, so presence is right after a restart or a lost link. */
    @Override
    public void connected(ManagerConnection connection) {
        try {
            connection.sendAction(new QueueStatusAction(), null);
        } catch (IOException | IllegalStateException e) {
            LOG.warn("AMI: QueueStatus not sent: {}", e.getMessage());
        }
    }

    /** Events received since start, of any kind. */
    long received() {
        return received.get();
    }

    @Override
    public void onManagerEvent(ManagerEvent event) {
        received.incrementAndGet();
        try {
            dispatch(event);
        } catch (RuntimeException e) {
            // one odd event must not stop the others
            LOG.warn("AMI: {} not understood: {}", event.getClass().getSimpleName(), e.toString());
        }
    }

    private void dispatch(ManagerEvent event) {
        if (event instanceof HangupEvent) {
            HangupEvent h = (HangupEvent) event;
            calls.hangup(h.getUniqueId(), h.getCauseTxt());
        } else if (event instanceof DeviceStateChangeEvent) {
            DeviceStateChangeEvent d = (DeviceStateChangeEvent) event;
            String agent = agents.byDevice(d.getDevice());
            if (agent != null) {
                presence.deviceState(agent, d.getDevice(), d.getState());
            }
        } else if (event instanceof QueueMemberEvent) { // QueueMemberStatus, and QueueMember from QueueStatus
            QueueMemberEvent m = (QueueMemberEvent) event;
            String device = m.getStateinterface() != null ? m.getStateinterface() : m.getInterface();
            String agent = agents.byDevice(device);
            if (agent != null) {
                presence.memberState(agent, device, m.getStatus(), m.getPaused(), m.getPausedreason());
            }
        } else if (event instanceof QueueMemberPauseEvent) {
            QueueMemberPauseEvent p = (QueueMemberPauseEvent) event;
            String agent = agents.byDevice(p.getStateInterface() != null ? p.getStateInterface() : p.getInterface());
            if (agent != null && p.getPaused() != null) {
                presence.pause(agent, p.getPaused(), p.getPausedreason());
            }
        } else if (event instanceof ExtensionStatusEvent) {
            ExtensionStatusEvent x = (ExtensionStatusEvent) event;
            String agent = agents.byHint(x.getHint());
            if (agent == null) {
                agent = agents.byExtension(x.getExten());
            }
            if (agent != null && x.getStatus() != null) {
                presence.extensionState(agent, agents.device(agent), x.getStatus(), x.getStatustext());
            }
        } else if (event instanceof OriginateResponseEvent) {
            OriginateResponseEvent o = (OriginateResponseEvent) event;
            calls.originateResult(o.getActionId(), "Success".equalsIgnoreCase(o.getResponse()), o.getReason(),
                    o.getUniqueId(), o.getChannel());
        } else if (event instanceof BridgeEnterEvent) {
            BridgeEnterEvent b = (BridgeEnterEvent) event;
            calls.bridged(b.getChannel(), b.getUniqueId(), b.getLinkedId());
        } else if (event instanceof AgentConnectEvent) {
            AgentConnectEvent a = (AgentConnectEvent) event;
            calls.queueConnected(a.getUniqueId(), a.getInterface(), a.getDestChannel(), a.getDestUniqueId());
        }
    }
}
