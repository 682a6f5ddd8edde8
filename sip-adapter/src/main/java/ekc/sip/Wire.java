package ekc.sip;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started stack as the rest of the adapter uses it: factories, the provider, our address, and
 * the few ways we build and send messages. Immutable after start; thread-safe (JAIN-SIP's
 * factories and provider are).
 */
final class Wire {

    private static final Logger LOG = LoggerFactory.getLogger(Wire.class);
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, REFER, NOTIFY, INFO";

    final SipProvider provider;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final MessageFactory messages;
    final String host;
    final int port;

    Wire(SipProvider provider, HeaderFactory headers, AddressFactory addresses, MessageFactory messages, String host, int port) {
        this.provider = provider;
        this.headers = headers;
        this.addresses = addresses;
        this.messages = messages;
        this.host = host;
        this.port = port;
    }

    /** The request's server transaction, made if needed; null for a retransmission the stack already handles. */
    ServerTransaction serverTransaction(RequestEvent event) {
        ServerTransaction tx = event.getServerTransaction();
        if (tx != null) {
            return tx;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        } catch (TransactionUnavailableException e) {
            LOG.debug("no transaction for {}: {}", event.getRequest().getMethod(), e.getMessage());
            return null;
        }
    }

    /** A response to a request, or null when the request is too broken to answer. */
    Response response(int status, Request request) {
        try {
            return messages.createResponse(status, request);
        } catch (ParseException | RuntimeException e) {
            LOG.debug("cannot build {} for {}", status, request.getMethod());
            return null;
        }
    }

    void send(ServerTransaction tx, Response response) {
        if (response == null || tx == null) {
            return;
        }
        try {
            tx.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("{} not sent: {}", response.getStatusCode(), e.getMessage());
        }
    }

    /** Answers statefully when a transaction can be had, else statelessly. */
    void respond(RequestEvent event, Response response) {
        if (response == null) {
            return;
        }
        ServerTransaction tx = serverTransaction(event);
        if (tx != null) {
            send(tx, response);
        } else {
            stateless(response);
        }
    }

    void respond(RequestEvent event, int status) {
        Response r = response(status, event.getRequest());
        if (r != null && (status == Response.METHOD_NOT_ALLOWED || status == Response.NOT_IMPLEMENTED
                || status == Response.OK && Request.OPTIONS.equals(event.getRequest().getMethod()))) {
            r.addHeader(allow());
        }
        respond(event, r);
    }

    void stateless(Response response) {
        try {
            provider.sendResponse(response);
        } catch (SipException | RuntimeException e) {
            LOG.debug("stateless {} not sent: {}", response.getStatusCode(), e.getMessage());
        }
    }

    javax.sip.header.AllowHeader allow() {
        try {
            return headers.createAllowHeader(ALLOW);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    ContentTypeHeader sdpType() {
        try {
            return headers.createContentTypeHeader("application", "sdp");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    SipURI uri(String user) {
        try {
            SipURI uri = addresses.createSipURI(user, host);
            uri.setPort(port);
            return uri;
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    ContactHeader contact(String transport) {
        SipURI uri = uri("ekc");
        try {
            if (transport != null && !"udp".equalsIgnoreCase(transport)) {
                uri.setTransportParam(transport.toLowerCase());
            }
            return headers.createContactHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static String callIdOf(Message message) {
        CallIdHeader h = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return h != null ? h.getCallId() : "";
    }

    static String transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via != null && via.getTransport() != null ? via.getTransport().toLowerCase() : "udp";
    }

    /** The source address of a request as the transport saw it. */
    static String sourceOf(RequestEvent event) {
        if (event instanceof gov.nist.javax.sip.RequestEventExt ext && ext.getRemoteIpAddress() != null) {
            return ext.getRemoteIpAddress();
        }
        if (event.getRequest() instanceof gov.nist.javax.sip.message.SIPMessage m && m.getRemoteAddress() != null) {
            return m.getRemoteAddress().getHostAddress();
        }
        return "unknown";
    }
}
