package ekc.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Asterisk PBX that EKC works with: its manager interface (AMI), the FastAGI server EKC runs
 * for the dialplan, the operators whose phones are on Asterisk, and the routes the dialplan may ask
 * for. The AMI secret is never in the YAML: it is read from {@code amiSecretFile} when set, else
 * from the environment variable {@code amiSecretEnv}.
 *
 * @param agents EKC agent id → Asterisk device ({@code "25722": "PJSIP/2001"}); the extension is
 *               the part after the slash
 * @param routes route name (the first AGI argument, else the dialed extension, else
 *               {@code default}) → route
 */
public record AsteriskConfig(Boolean enabled, String amiHost, Integer amiPort, String amiUser, String amiSecretFile,
                             String amiSecretEnv, Integer reconnectMinMillis, Integer reconnectMaxMillis,
                             String agiHost, Integer agiPort, String agentContext, String outboundContext,
                             Integer ringSeconds, Map<String, String> agents, Map<String, AsteriskRoute> routes) {

    public AsteriskConfig {
        enabled = enabled != null ? enabled : false;
        amiHost = amiHost != null ? amiHost : "127.0.0.1";
        amiPort = amiPort != null ? amiPort : 5038;
        amiUser = amiUser != null ? amiUser : "ekc";
        amiSecretEnv = amiSecretEnv != null ? amiSecretEnv : "EKC_AMI_SECRET";
        reconnectMinMillis = reconnectMinMillis != null ? reconnectMinMillis : 500;
        reconnectMaxMillis = reconnectMaxMillis != null ? reconnectMaxMillis : 30_000;
        agiHost = agiHost != null ? agiHost : "127.0.0.1";
        agiPort = agiPort != null ? agiPort : 4573;
        agentContext = agentContext != null ? agentContext : "ekc-agent";
        outboundContext = outboundContext != null ? outboundContext : "ekc-outbound";
        ringSeconds = ringSeconds != null ? ringSeconds : 30;
        agents = agents != null ? Map.copyOf(new LinkedHashMap<>(agents)) : Map.of();
        routes = routes != null ? Map.copyOf(new LinkedHashMap<>(routes)) : Map.of();
        Check.port("amiPort", amiPort);
        Check.port("agiPort", agiPort);
        if (reconnectMinMillis <= 0 || reconnectMaxMillis < reconnectMinMillis) {
            throw new IllegalArgumentException("need 0 < reconnectMinMillis <= reconnectMaxMillis, not "
                    + reconnectMinMillis + " and " + reconnectMaxMillis);
        }
        if (ringSeconds <= 0) {
            throw new IllegalArgumentException("ringSeconds must be positive, not " + ringSeconds);
        }
        for (Map.Entry<String, String> a : agents.entrySet()) {
            if (a.getValue().indexOf('/') <= 0 || a.getValue().endsWith("/")) {
                throw new IllegalArgumentException("agent " + a.getKey() + ": device must look like PJSIP/2001, not '"
                        + a.getValue() + "'");
            }
        }
        for (Map.Entry<String, AsteriskRoute> r : routes.entrySet()) {
            String agent = r.getValue().agent();
            if (agent != null && !agents.containsKey(agent)) {
                throw new IllegalArgumentException("route " + r.getKey() + ": agent " + agent + " is not in asterisk.agents");
            }
        }
    }
}
