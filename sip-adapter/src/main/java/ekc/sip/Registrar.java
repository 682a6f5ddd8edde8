package ekc.sip;

import ekc.config.SipConfig;
import ekc.config.SipUser;
import ekc.engine.Input;
import java.text.ParseException;
import java.util.HashMap;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sip.RequestEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar for operators' phones: REGISTER with digest authentication (SHA-256 and MD5),
 * one binding per agent, expiry and refresh. A new or moved binding publishes
 * {@link Input.AgentRegistered}; expiry or un-REGISTER publishes {@link Input.AgentUnregistered}.
 * {@link #register} runs on a lane; {@link #expire} on the adapter's timer; {@link #contactOf} on any
 * thread. Thread-safe.
 */
final class Registrar {

    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    /** Where an agent's phone can be reached, until when. */
    record Binding(String agentId, String contact, String callId, long cseq, long expiresAt) {}

    private final SipConfig config;
    private final Wire wire;
    private final Consumer<Input> engine;
    private final FloodGuard guard;
    private final LongSupplier clock;
    private final Digest digest;
    private final Map<String, SipUser> users = new HashMap<>();
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    Registrar(SipConfig config, Wire wire, Consumer<Input> engine, FloodGuard guard, LongSupplier clock) {
        this.config = config;
        this.wire = wire;
        this.engine = engine;
        this.guard = guard;
        this.clock = clock;
        this.digest = new Digest(config.realm());
        for (SipUser u : config.users()) {
            users.put(u.username(), u);
        }
    }

    /** The registered contact of an agent's phone. */
    Optional<Binding> contactOf(String agentId) {
        Binding b = bindings.get(agentId);
        return b != null && b.expiresAt() > clock.getAsLong() ? Optional.of(b) : Optional.empty();
    }

    void register(RequestEvent event) {
        Request request = event.getRequest();
        String source = Wire.sourceOf(event);
        long now = clock.getAsLong();
        URI to = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        if (!(to instanceof SipURI aor) || aor.getUser() == null) {
            wire.respond(event, Response.BAD_REQUEST); // the To must be a SIP address of record
            return;
        }
        AuthorizationHeader auth = authorizationFor(request);
        if (auth == null) {
            challenge(event, now, false);
            return;
        }
        SipUser user = users.get(auth.getUsername());
        Map<String, String> params = params(auth);
        String algorithm = params.getOrDefault("algorithm", Digest.MD5);
        boolean offered = config.digestAlgorithms().stream().anyMatch(algorithm::equalsIgnoreCase);
        Digest.Verdict verdict = digest.verify(params, request.getMethod(), user == null || !offered ? null
                : Digest.SHA256.equalsIgnoreCase(algorithm) ? user.ha1Sha256() : user.ha1Md5(), now);
        if (verdict == Digest.Verdict.STALE) {
            challenge(event, now, true);
            return;
        }
        if (verdict == Digest.Verdict.WRONG || !aor.getUser().equals(user.username())) {
            guard.authFailed(source);
            LOG.debug("REGISTER from {}: authentication failed", source);
            wire.respond(event, Response.FORBIDDEN);
            return;
        }
        bind(event, user, now);
    }

    private void bind(RequestEvent event, SipUser user, long now) {
        Request request = event.getRequest();
        ExpiresHeader expiresHeader = request.getExpires();
        ContactHeader contact = null;
        int expires = expiresHeader != null ? expiresHeader.getExpires() : 3600;
        ListIterator<?> contacts = request.getHeaders(ContactHeader.NAME);
        boolean wildcard = false;
        while (contacts.hasNext()) {
            ContactHeader c = (ContactHeader) contacts.next();
            if (c.isWildCard()) {
                wildcard = true;
            } else if (contact == null) {
                contact = c;
            }
        }
        if (contact != null && contact.getExpires() >= 0) {
            expires = contact.getExpires();
        }
        String callId = Wire.callIdOf(request);
        long cseq = request.getHeader("CSeq") instanceof javax.sip.header.CSeqHeader cs ? cs.getSeqNumber() : 0;
        Binding old = bindings.get(user.agentId());
        if (old != null && old.callId().equals(callId) && cseq <= old.cseq()) {
            wire.respond(event, Response.SERVER_INTERNAL_ERROR); // out of order (RFC 3261 §10.3 step 7)
            return;
        }
        if (wildcard || (contact != null && expires == 0)) {
            if (bindings.remove(user.agentId()) != null) {
                engine.accept(new Input.AgentUnregistered(user.agentId(), "unregistered"));
            }
            wire.respond(event, Response.OK);
            return;
        }
        if (contact == null) {
            // a query: answer with the current binding
            Response ok = wire.response(Response.OK, request);
            if (old != null && ok != null) {
                addContact(ok, old.contact(), (int) Math.max(0, (old.expiresAt() - now) / 1000));
            }
            wire.respond(event, ok);
            return;
        }
        if (expires < config.minExpires()) {
            Response tooBrief = wire.response(Response.INTERVAL_TOO_BRIEF, request);
            if (tooBrief != null) {
                try {
                    tooBrief.addHeader(wire.headers.createMinExpiresHeader(config.minExpires()));
                } catch (javax.sip.InvalidArgumentException e) {
                    throw new IllegalStateException(e);
                }
            }
            wire.respond(event, tooBrief);
            return;
        }
        expires = Math.min(expires, config.maxExpires());
        String uri = contact.getAddress().getURI().toString();
        Binding binding = new Binding(user.agentId(), uri, callId, cseq, now + expires * 1000L);
        bindings.put(user.agentId(), binding);
        Response ok = wire.response(Response.OK, request);
        if (ok != null) {
            addContact(ok, uri, expires);
        }
        wire.respond(event, ok);
        if (old == null || !old.contact().equals(uri)) {
            LOG.info("agent {} registered at {}", user.agentId(), uri);
            engine.accept(new Input.AgentRegistered(user.agentId(), uri, binding.expiresAt()));
        }
    }

    /** Drops bindings past their expiry; adapter timer thread. */
    void expire() {
        long now = clock.getAsLong();
        for (Binding b : bindings.values()) {
            if (b.expiresAt() <= now && bindings.remove(b.agentId(), b)) {
                LOG.info("agent {}: registration expired", b.agentId());
                engine.accept(new Input.AgentUnregistered(b.agentId(), "registration expired"));
            }
        }
    }

    private void challenge(RequestEvent event, long now, boolean stale) {
        Response r = wire.response(Response.UNAUTHORIZED, event.getRequest());
        if (r == null) {
            return;
        }
        try {
            // most preferred first: RFC 8760 §2.4, a client uses the topmost algorithm it supports
            for (String algorithm : config.digestAlgorithms()) {
                r.addHeader(wire.headers.createHeader(WWWAuthenticateHeader.NAME, digest.challenge(algorithm, now, stale)));
            }
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        wire.respond(event, r);
    }

    private AuthorizationHeader authorizationFor(Request request) {
        ListIterator<?> it = request.getHeaders(AuthorizationHeader.NAME);
        while (it.hasNext()) {
            Object h = it.next();
            if (h instanceof AuthorizationHeader a && "Digest".equalsIgnoreCase(a.getScheme())
                    && config.realm().equals(a.getRealm())) {
                return a;
            }
        }
        return null; // none, or only unknown schemes / realms: challenge
    }

    private static Map<String, String> params(AuthorizationHeader a) {
        Map<String, String> p = new HashMap<>();
        for (String name : new String[] {"realm", "nonce", "uri", "response", "algorithm", "qop", "nc", "cnonce"}) {
            String v = a.getParameter(name);
            if (v != null) {
                p.put(name, unquote(v));
            }
        }
        if (a.getURI() != null && !p.containsKey("uri")) {
            p.put("uri", a.getURI().toString());
        }
        return p;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private void addContact(Response r, String uri, int expires) {
        try {
            ContactHeader c = wire.headers.createContactHeader(wire.addresses.createAddress(uri));
            c.setExpires(expires);
            r.addHeader(c);
        } catch (ParseException | javax.sip.InvalidArgumentException e) {
            LOG.debug("cannot echo contact {}", uri);
        }
    }
}
