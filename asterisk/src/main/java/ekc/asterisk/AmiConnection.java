package ekc.asterisk;

import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;

/**
 * Called from asterisk-java's reader and event-pump threads. asterisk-java's manager connection
 * with two changes. The Asterisk version comes from the banner (AMI 9 is Asterisk 20, 10 is 21,
 * 11 is 22): asterisk-java would otherwise send CoreSettings and CLI commands after login, which a
 * least-privilege manager user may not run. And a lost connection is handed to {@link AmiLink},
 * which reconnects with backoff, instead of asterisk-java's own fixed 50 ms / 5 s retry loop.
 */
final class AmiConnection extends ManagerConnectionImpl {

    private final Runnable onLost;

    AmiConnection(Runnable onLost) {
        this.onLost = onLost;
    }

    @Override
    protected AsteriskVersion determineVersion() {
        String banner = getProtocolIdentifier();
        String v = banner == null ? "" : banner.substring(banner.lastIndexOf('/') + 1);
        if (v.startsWith("11.")) {
            return AsteriskVersion.ASTERISK_22;
        }
        if (v.startsWith("10.")) {
            return AsteriskVersion.ASTERISK_21;
        }
        if (v.startsWith("9.")) {
            return AsteriskVersion.ASTERISK_20;
        }
        return AsteriskVersion.ASTERISK_20; // the oldest release EKC is documented for
    }

    @Override
    public void dispatchEvent(ManagerEvent event, Integer expectedTime) {
        if (event instanceof DisconnectEvent) {
            // not passed on: the superclass would start its own reconnect thread
            if (getState() == ManagerConnectionState.CONNECTED) {
                onLost.run();
            }
            return;
        }
        super.dispatchEvent(event, expectedTime);
    }

    /** Closes a connection that was lost or is being abandoned; never sends anything. */
    void drop() {
        disconnect();
        if (getState() == ManagerConnectionState.CONNECTED || getState() == ManagerConnectionState.RECONNECTING) {
            logoff(); // the socket is closed, so this only moves the state to DISCONNECTED
        }
    }
}
