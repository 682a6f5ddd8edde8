package ekc.asterisk;

import java.util.HashMap;
import java.util.Map;

/**
 * The operators whose phones are on Asterisk: EKC agent id ↔ Asterisk device ({@code PJSIP/2001})
 * and extension ({@code 2001}). Immutable, so any thread may read it.
 */
final class AsteriskAgents {

    private final Map<String, String> deviceByAgent;
    private final Map<String, String> agentByDevice = new HashMap<>();
    private final Map<String, String> agentByExtension = new HashMap<>();

    AsteriskAgents(Map<String, String> deviceByAgent) {
        this.deviceByAgent = Map.copyOf(deviceByAgent);
        for (Map.Entry<String, String> e : deviceByAgent.entrySet()) {
            agentByDevice.put(e.getValue().toLowerCase(java.util.Locale.ROOT), e.getKey());
            agentByExtension.put(extensionOf(e.getValue()), e.getKey());
        }
    }

    boolean has(String agentId) {
        return agentId != null && deviceByAgent.containsKey(agentId);
    }

    /** {@code PJSIP/2001} for the agent, or null. */
    String device(String agentId) {
        return deviceByAgent.get(agentId);
    }

    /** {@code 2001} for the agent, or null. */
    String extension(String agentId) {
        String device = deviceByAgent.get(agentId);
        return device == null ? null : extensionOf(device);
    }

    /** The agent on a device ({@code PJSIP/2001}, any case), or null. */
    String byDevice(String device) {
        return device == null ? null : agentByDevice.get(device.toLowerCase(java.util.Locale.ROOT));
    }

    /** The agent whose channel this is ({@code PJSIP/2001-00000005} → device {@code PJSIP/2001}), or null. */
    String byChannel(String channel) {
        if (channel == null) {
            return null;
        }
        int dash = channel.lastIndexOf('-');
        return byDevice(dash > 0 ? channel.substring(0, dash) : channel);
    }

    String byExtension(String extension) {
        return extension == null ? null : agentByExtension.get(extension);
    }

    /** The first device of a hint ({@code PJSIP/2001&Custom:dnd2001}) that is an agent's, or null. */
    String byHint(String hint) {
        if (hint == null) {
            return null;
        }
        for (String device : hint.split("&")) {
            String agent = byDevice(device.strip());
            if (agent != null) {
                return agent;
            }
        }
        return null;
    }

    private static String extensionOf(String device) {
        return device.substring(device.lastIndexOf('/') + 1);
    }
}
