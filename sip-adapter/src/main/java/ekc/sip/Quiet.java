package ekc.sip;

import org.apache.log4j.Level;
import org.apache.log4j.Logger;

/** Turns JAIN-SIP RI's log4j logging off: on the hot path it would format every message. Any thread. */
final class Quiet {

    private Quiet() {}

    static void stackLogging() {
        Logger.getLogger("gov.nist").setLevel(Level.OFF);
        Logger.getLogger("javax.sip").setLevel(Level.OFF);
        if (!Logger.getRootLogger().getAllAppenders().hasMoreElements()) {
            // no log4j.properties: give the root a silent appender so log4j does not warn on stderr
            Logger.getRootLogger().addAppender(new org.apache.log4j.varia.NullAppender());
        }
    }
}
