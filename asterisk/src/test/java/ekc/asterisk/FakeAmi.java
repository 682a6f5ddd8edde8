package ekc.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A stand-in for the manager interface of Asterisk 20/22, which is not packaged for this machine.
 * It speaks the protocol as shared/testdata/asterisk/ami records it: the banner, then CRLF
 * messages ending in an empty line; every reply is a transcript with the client's ActionID put in
 * (or its line left out when the client sent none, as astman_send_response_full does). Behaviour
 * follows main/manager.c: a refused Login is answered after 1 s and the connection closed; actions
 * before login get "Permission denied"; events pass the session's event mask and Filter regexes.
 *
 * <p>Two exchanges the transcripts lack are written from manager.c, because asterisk-java uses
 * them: {@code Challenge} (action_challenge: {@code Challenge: <number>}) with MD5 Login
 * (key = md5(challenge + secret)), and {@code Hangup} (action_hangup: "Channel Hungup" / "No such
 * channel"; a uniqueid also names a channel). Any other action Asterisk has but this peer does not
 * model is recorded in {@link #unmodelled} and answered as an unknown command.
 */
final class FakeAmi implements AutoCloseable {

    private static final String CRLF = "\r\n";

    private final String user;
    private final String secret;
    private final ServerSocket server;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong channelSeq = new AtomicLong(0x20);

    final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
    final List<String> unmodelled = new CopyOnWriteArrayList<>();
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger refusedLogins = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    /** Channels that exist (by name or uniqueid), for Redirect and Hangup. */
    final Set<String> channels = ConcurrentHashMap.newKeySet();

    /** Banner transcript: Asterisk 22 by default. */
    volatile String banner = "01-banner.asterisk.txt";
    /** Dialplan extensions that exist, as {@code context/exten}; {@code context/*} matches any extension there. */
    final Set<String> dialplan = ConcurrentHashMap.newKeySet();
    /** How the called phone answers an Originate: a transcript base name (05-originate-async, 05-originate-async-failure), or {@code ringing}. */
    volatile String originate = "05-originate-async";
    /** Reason for a failed Originate (0 failed, 1 hangup, 3 no answer, 5 busy, 8 congestion). */
    volatile int failureReason = 5;

    FakeAmi(String user, String secret) throws IOException {
        this.user = user;
        this.secret = secret;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        dialplan.addAll(List.of("from-internal/2000", "from-internal/3000", "ekc-agent/*", "ekc-outbound/*"));
        Thread t = new Thread(this::accept, "fake-ami-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Actions received with this name (case-insensitive), in order. */
    List<Map<String, String>> actions(String name) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> a : actions) {
            if (name.equalsIgnoreCase(a.get("Action"))) {
                out.add(a);
            }
        }
        return out;
    }

    /** Sends events (one or more, each ending in an empty line) to every logged-in session that wants them. */
    void emit(String events) {
        String[] each = events.split("\r\n\r\n");
        for (Session s : sessions) {
            StringBuilder out = new StringBuilder(events.length());
            for (String e : each) {
                if (!e.isBlank() && s.wants(e)) {
                    out.append(e).append(CRLF).append(CRLF);
                }
            }
            if (out.length() > 0) {
                s.write(out.toString());
            }
        }
    }

    /** Writes bytes as they are to every logged-in session. */
    void raw(String text) {
        for (Session s : sessions) {
            if (s.authenticated) {
                s.write(text);
            }
        }
    }

    /** Drops every connection, as an Asterisk restart does. */
    void dropAll() {
        for (Session s : sessions) {
            s.close();
        }
    }

    boolean anyLoggedIn() {
        for (Session s : sessions) {
            if (s.authenticated && !s.socket.isClosed()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropAll();
        timer.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Session session = new Session(s);
                sessions.add(session);
                Thread t = new Thread(session::serve, "fake-ami-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One manager session, served on its own thread. */
    private final class Session {
        final Socket socket;
        final OutputStream out;
        volatile boolean authenticated;
        volatile Set<String> mask; // null: every class
        final List<Pattern> include = new CopyOnWriteArrayList<>();
        final List<Pattern> exclude = new CopyOnWriteArrayList<>();
        String challenge;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        void serve() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                write(TestData.ami(banner));
                Map<String, String> m = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!m.isEmpty()) {
                            actions.add(m);
                            handle(m);
                            m = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                        }
                        continue;
                    }
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        String name = line.substring(0, colon);
                        String value = line.substring(colon + 1).stripLeading();
                        // repeated headers (Variable) are kept, joined the way a test can read them
                        m.merge(name, value, (a, b) -> a + "\n" + b);
                    }
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                close();
            }
        }

        void handle(Map<String, String> m) {
            String action = m.get("Action");
            String id = m.get("ActionID");
            if (action == null || action.isEmpty()) {
                write(reply("09-error-missing-action.asterisk.txt", id));
                return;
            }
            String a = action.toLowerCase(Locale.ROOT);
            if (!authenticated && !a.equals("login") && !a.equals("logoff") && !a.equals("challenge")) {
                write(reply("09-error-not-authenticated.asterisk.txt", id));
                return;
            }
            switch (a) {
                case "challenge":
                    if ("md5".equalsIgnoreCase(m.get("AuthType"))) {
                        challenge = Long.toString(System.nanoTime() & 0x7fffffffL);
                        write("Response: Success" + CRLF + idLine(id) + "Challenge: " + challenge + CRLF + CRLF);
                    } else {
                        write(error(id, "Must specify AuthType"));
                    }
                    break;
                case "login":
                    login(m, id);
                    break;
                case "logoff":
                    write(reply("10-logoff.asterisk.txt", id));
                    close();
                    break;
                case "ping":
                    write(reply("04-ping.asterisk.txt", id));
                    break;
                case "events":
                    mask = eventMask(m.get("EventMask"));
                    write(reply(mask != null && mask.isEmpty() ? "08-events-off.asterisk.txt" : "08-events-on.asterisk.txt", id));
                    break;
                case "filter":
                    filter(m, id);
                    break;
                case "originate":
                    originate(m, id);
                    break;
                case "redirect":
                    redirect(m, id);
                    break;
                case "hangup":
                    String ch = m.get("Channel");
                    if (ch != null && channels.remove(ch)) {
                        write("Response: Success" + CRLF + idLine(id) + "Message: Channel Hungup" + CRLF + CRLF);
                    } else {
                        write(error(id, "No such channel"));
                    }
                    break;
                case "queuestatus":
                    write(reply("07-queuestatus.asterisk.txt", id));
                    break;
                default:
                    if (KNOWN_TO_ASTERISK.contains(a)) {
                        unmodelled.add(action);
                    }
                    write(reply("09-error-unknown-action.asterisk.txt", id).replace("FooBar", action));
            }
        }

        void login(Map<String, String> m, String id) {
            boolean ok = user.equals(m.get("Username"))
                    && ("md5".equalsIgnoreCase(m.get("AuthType")) && challenge != null
                            ? md5(challenge + secret).equalsIgnoreCase(String.valueOf(m.get("Key")))
                            : secret.equals(m.get("Secret")));
            if (!ok) {
                refusedLogins.incrementAndGet();
                // manager.c sleeps 1 s before answering a failed login, then hangs up
                timer.schedule(() -> {
                    write(reply("03-login-failure.asterisk.txt", id));
                    close();
                }, 1, TimeUnit.SECONDS);
                return;
            }
            String events = m.get("Events");
            if (events != null) {
                mask = eventMask(events);
            }
            authenticated = true;
            logins.incrementAndGet();
            write(reply("02-login-success.asterisk.txt", id)); // with the login-time FullyBooted
        }

        void filter(Map<String, String> m, String id) {
            if (!"Add".equalsIgnoreCase(m.get("Operation"))) {
                write(reply("08-filter-badop.asterisk.txt", id));
                return;
            }
            if (m.containsKey("MatchCriteria")) {
                unmodelled.add("Filter MatchCriteria");
                write(reply("08-filter-advanced.asterisk.txt", id));
                return;
            }
            String f = m.get("Filter");
            if (f.startsWith("!")) {
                exclude.add(Pattern.compile(f.substring(1)));
            } else {
                include.add(Pattern.compile(f));
            }
            write(reply("08-filter-legacy.asterisk.txt", id));
        }

        void originate(Map<String, String> m, String id) {
            String exten = m.get("Exten");
            String context = m.getOrDefault("Context", "default");
            // action_originate checks ast_exists_extension before queueing anything
            if (exten != null && !dialplan.contains(context + "/" + exten) && !dialplan.contains(context + "/*")) {
                write(reply("09-error-originate-noexten.asterisk.txt", id));
                return;
            }
            if (originate.equals("ringing")) {
                // the phone rings on: the ack, and no OriginateResponse until it is answered or hung up
                write(reply("05-originate-async.asterisk.txt", id).split("\r\n\r\n")[0] + CRLF + CRLF);
                if (m.get("ChannelId") != null) {
                    channels.add(m.get("ChannelId"));
                }
                return;
            }
            String[] blocks = TestData.ami(originate + ".asterisk.txt").split("\r\n\r\n");
            String ack = withId(blocks[0] + CRLF + CRLF, id);
            write(ack);
            String device = m.get("Channel");
            boolean success = !originate.contains("failure");
            String channel = success ? device + "-" + String.format("%08x", channelSeq.incrementAndGet()) : device;
            String channelId = m.get("ChannelId");
            String uniqueId = channelId != null ? channelId : success ? "1754400200." + channelSeq.get() : "<unknown>";
            if (success) {
                channels.add(channel);
                channels.add(uniqueId);
            }
            String event = withId(blocks[1] + CRLF + CRLF, id)
                    .replaceFirst("(?m)^Channel: [^\r\n]*", "Channel: " + java.util.regex.Matcher.quoteReplacement(channel))
                    .replaceFirst("(?m)^Uniqueid: [^\r\n]*", "Uniqueid: " + java.util.regex.Matcher.quoteReplacement(uniqueId))
                    .replaceFirst("(?m)^Context: [^\r\n]*", "Context: " + m.getOrDefault("Context", ""))
                    .replaceFirst("(?m)^Exten: [^\r\n]*", "Exten: " + m.getOrDefault("Exten", ""));
            if (!success) {
                event = event.replaceFirst("(?m)^Reason: [^\r\n]*", "Reason: " + failureReason);
            }
            String later = event;
            timer.execute(() -> emit(later)); // fast_originate runs on its own thread, after the ack
        }

        void redirect(Map<String, String> m, String id) {
            String ch = m.get("Channel");
            if (ch != null && channels.contains(ch)) {
                write(reply("06-redirect.asterisk.txt", id));
            } else {
                write(reply("06-redirect-nochannel.asterisk.txt", id).replace("PJSIP/9999-00000000", String.valueOf(ch)));
            }
        }

        boolean wants(String event) {
            if (!authenticated) {
                return false;
            }
            Set<String> classes = mask;
            if (classes != null) {
                java.util.regex.Matcher p = PRIVILEGE.matcher(event);
                if (!p.find()) {
                    return false;
                }
                boolean any = false;
                for (String c : p.group(1).split(",")) {
                    any |= !c.equals("all") && classes.contains(c);
                }
                if (!any) {
                    return false;
                }
            }
            String text = event + CRLF;
            if (!include.isEmpty() && include.stream().noneMatch(r -> r.matcher(text).find())) {
                return false;
            }
            return exclude.stream().noneMatch(r -> r.matcher(text).find());
        }

        void write(String text) {
            synchronized (out) {
                try {
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    close();
                }
            }
        }

        void close() {
            authenticated = false;
            sessions.remove(this);
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static final Pattern PRIVILEGE = Pattern.compile("(?m)^Privilege: ([^\r\n]*)");

    private static final Set<String> KNOWN_TO_ASTERISK = Set.of("coresettings", "command", "status", "getvar",
            "setvar", "queues", "queueadd", "queueremove", "queuepause", "listcommands", "corestatus", "bridge",
            "atxfer", "blindtransfer", "devicestatelist", "extensionstatelist");

    /** set_eventmask: on/yes/true → every class; off/no/false → none; else a list of classes. */
    private static Set<String> eventMask(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("on") || v.equals("yes") || v.equals("true")) {
            return null;
        }
        if (v.equals("off") || v.equals("no") || v.equals("false")) {
            return Set.of();
        }
        return Set.of(v.split("\\s*,\\s*"));
    }

    private static String reply(String transcript, String id) {
        return withId(TestData.ami(transcript), id);
    }

    /** The transcript's ActionID lines carry the client's id, or go when the client sent none. */
    private static String withId(String text, String id) {
        return id == null ? text.replaceAll("(?m)^ActionID: [^\r\n]*\r\n", "")
                : text.replaceAll("(?m)^ActionID: [^\r\n]*", java.util.regex.Matcher.quoteReplacement("ActionID: " + id));
    }

    private static String idLine(String id) {
        return id == null ? "" : "ActionID: " + id + CRLF;
    }

    private static String error(String id, String message) {
        return "Response: Error" + CRLF + idLine(id) + "Message: " + message + CRLF + CRLF;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
