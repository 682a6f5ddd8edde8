package ekc.asterisk;

import ekc.config.AsteriskConfig;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.FilterAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs its own thread, {@code ekc-ami}: logs in to the manager interface, installs the event
 * filter, tells its listener, waits for the connection to drop, and logs in again after a wait
 * that doubles from {@code reconnectMinMillis} to {@code reconnectMaxMillis} (reset by a
 * successful login). A refused login is retried the same way: the secret is read again each time.
 */
final class AmiLink implements AutoCloseable {

    /** The event classes EKC reads; Asterisk sends nothing of the others (dialplan, CDR, RTCP …). */
    static final String EVENT_MASK = "call,agent";

    /**
     * The events EKC uses, as a legacy Filter regex (POSIX ERE, matched against the whole event
     * text; every Asterisk 20/22 has it). The trailing class keeps e.g. {@code Hangup} from also
     * letting {@code HangupRequest} through.
     */
    static final String EVENT_FILTER = "^Event: (" + String.join("|", AmiEvents.USED) + ")[^A-Za-z]";

    /** Told what happens to the link; {@link #connected} on the {@code ekc-ami} thread. */
    interface Listener extends ManagerEventListener {
        void connected(ManagerConnection connection);
    }

    private static final Logger LOG = LoggerFactory.getLogger(AmiLink.class);

    private final AsteriskConfig config;
    private final AmiSecret secret;
    private final Listener listener;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final Thread thread;
    private volatile AmiConnection current;

    AmiLink(AsteriskConfig config, AmiSecret secret, Listener listener) {
        this.config = config;
        this.secret = secret;
        this.listener = listener;
        this.thread = new Thread(this::run, "ekc-ami");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The logged-in connection, or null while there is none. */
    ManagerConnection connection() {
        return current;
    }

    /** Successful logins so far. */
    int logins() {
        return logins.get();
    }

    /** Failed attempts (refused, unreachable, timed out) so far. */
    int failures() {
        return failures.get();
    }

    private void run() {
        Backoff backoff = new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis());
        while (closing.getCount() > 0) {
            long delay = 0;
            CountDownLatch lost = new CountDownLatch(1);
            AmiConnection c = new AmiConnection(lost::countDown);
            c.setHostname(config.amiHost());
            c.setPort(config.amiPort());
            c.setUsername(config.amiUser());
            c.setDefaultResponseTimeout(5_000);
            c.addEventListener(listener);
            try {
                c.setPassword(secret.read());
                c.login(EVENT_MASK);
                filter(c);
                logins.incrementAndGet();
                LOG.info("AMI: logged in to {}:{} as {} ({})", config.amiHost(), config.amiPort(), config.amiUser(),
                        c.getProtocolIdentifier());
                backoff.reset();
                current = c;
                listener.connected(c);
                awaitEither(lost);
                current = null;
                if (closing.getCount() == 0) {
                    break;
                }
                delay = backoff.next();
                LOG.warn("AMI: connection to {}:{} lost; reconnecting in {} ms", config.amiHost(), config.amiPort(), delay);
            } catch (AuthenticationFailedException e) {
                failures.incrementAndGet();
                delay = backoff.next();
                // the message is Asterisk's ("Authentication failed"); the secret is never in it
                LOG.error("AMI: login to {}:{} as {} failed (secret from {}): {}; retrying in {} ms", config.amiHost(),
                        config.amiPort(), config.amiUser(), secret.source(), e.getMessage(), delay);
            } catch (IOException | TimeoutException | IllegalStateException e) {
                failures.incrementAndGet();
                delay = backoff.next();
                LOG.warn("AMI: cannot log in to {}:{}: {}; retrying in {} ms", config.amiHost(), config.amiPort(),
                        e.getMessage(), delay);
            } finally {
                current = null;
                c.drop();
            }
            if (waitClosing(delay)) {
                break;
            }
        }
    }

    /** The filter is per session, so it is sent after every login. */
    private void filter(ManagerConnection c) throws IOException, TimeoutException {
        ManagerResponse r = c.sendAction(new FilterAction(EVENT_FILTER));
        if (r instanceof ManagerError) {
            // e.g. a manager user without the system write class: events still arrive, only unfiltered
            LOG.warn("AMI: Asterisk refused the event filter: {}; every {} event will be sent", r.getMessage(), EVENT_MASK);
        }
    }

    private void awaitEither(CountDownLatch lost) {
        try {
            while (lost.getCount() > 0 && closing.getCount() > 0) {
                lost.await(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean waitClosing(long millis) {
        try {
            return closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        closing.countDown();
        AmiConnection c = current;
        if (c != null) {
            try {
                c.logoff();
            } catch (IllegalStateException e) {
                LOG.debug("AMI: logoff on a connection already gone: {}", e.getMessage());
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
