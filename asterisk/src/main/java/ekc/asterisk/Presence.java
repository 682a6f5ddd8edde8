package ekc.asterisk;

import ekc.engine.Input;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Called on asterisk-java's event thread. Whether each Asterisk operator's phone is reachable and
 * whether the operator is paused in the queues, from device state, extension state and queue
 * member events. Only changes reach the engine: Asterisk repeats states freely (one device change
 * gives a DeviceStateChange, an ExtensionStatus and a QueueMemberStatus per queue).
 */
final class Presence {

    private final Consumer<Input> engine;
    private final Map<String, Boolean> registered = new ConcurrentHashMap<>();
    private final Map<String, Boolean> paused = new ConcurrentHashMap<>();

    Presence(Consumer<Input> engine) {
        this.engine = engine;
    }

    /** DeviceStateChange {@code State}: UNKNOWN, NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD. */
    void deviceState(String agentId, String device, String state) {
        if (state == null || state.equals("UNKNOWN")) {
            return; // some channel drivers never know: that says nothing about the phone
        }
        boolean up = !state.equals("UNAVAILABLE") && !state.equals("INVALID");
        reachable(agentId, device, up, "device " + state);
    }

    /** ExtensionStatus {@code Status}: -2 removed, -1 deactivated, 4 unavailable; 0,1,2,8,9,16,17 reachable. */
    void extensionState(String agentId, String device, int status, String text) {
        boolean up = status != -2 && status != -1 && status != 4;
        reachable(agentId, device, up, "extension " + text);
    }

    /** Queue member {@code Status} is a device-state number: 0 unknown, 4 invalid, 5 unavailable. */
    void memberState(String agentId, String device, Integer status, Boolean isPaused, String reason) {
        if (status != null && status != 0) {
            reachable(agentId, device, status != 4 && status != 5, "queue member status " + status);
        }
        if (isPaused != null) {
            pause(agentId, isPaused, reason);
        }
    }

    void pause(String agentId, boolean isPaused, String reason) {
        Boolean before = paused.put(agentId, isPaused);
        if (before == null || before != isPaused) {
            engine.accept(new Input.AgentAvailability(agentId, !isPaused,
                    reason == null || reason.isEmpty() ? (isPaused ? "paused on Asterisk" : "") : reason));
        }
    }

    private void reachable(String agentId, String device, boolean up, String why) {
        Boolean before = registered.put(agentId, up);
        if (before != null && before == up) {
            return;
        }
        // an Asterisk device has no registration expiry that EKC sees: it stays until Asterisk says otherwise
        engine.accept(up ? new Input.AgentRegistered(agentId, device, Long.MAX_VALUE)
                : new Input.AgentUnregistered(agentId, "Asterisk: " + why));
    }
}
