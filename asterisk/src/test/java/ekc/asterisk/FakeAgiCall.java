package ekc.asterisk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Asterisk's side of one FastAGI call, standing in for Asterisk 20/22 (not packaged here): it
 * connects to EKC's FastAGI server, sends an environment block from shared/testdata/asterisk/agi,
 * and answers commands as res_agi.c does, with bare LF. Replies are the transcripts': 200 results,
 * {@code 510} for an unknown command, {@code 520} with the usage text for a wrong argument count,
 * and, once the channel has hung up (the unasked {@code HANGUP} line), {@code 511} for every
 * command not allowed on a dead channel. {@code CHANNEL STATUS}, which the transcripts lack, is
 * answered as handle_channelstatus does: {@code 200 result=<channel state>} (6 = Up). Sound
 * lengths and the DIALSTATUS an {@code EXEC Dial} leaves are illustrative, as in the transcripts.
 */
final class FakeAgiCall implements Runnable {

    private static final String DEAD = TestData.agi("08-error-511-dead.asterisk.txt");
    /** Commands res_agi allows on a dead channel (the last column of its commands[] table). */
    private static final List<String> DEAD_OK = List.of("exec", "get variable", "get full variable", "set variable",
            "database", "verbose", "noop", "asyncagi break", "speech destroy", "speech unload grammar");
    private static final List<String> KNOWN = List.of("answer", "channel status", "exec", "get full variable",
            "get variable", "set variable", "stream file", "hangup", "noop", "verbose");

    private final String env;
    private final int port;
    private final int hangUpAfter;
    final Map<String, String> variables = new HashMap<>();
    /** The sound files this Asterisk has, with their length in samples (illustrative, as in the transcripts). */
    private static final Map<String, Integer> SOUNDS = Map.of("hello-world", 12640, "ivr/welcome", 12800, "goodbye", 8000);
    /** A DTMF digit the caller presses during a prompt that allows it, or null. */
    volatile Character pressed;
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<String> replies = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean dead;

    /**
     * @param envTranscript an environment transcript ({@code 01-env.asterisk.txt})
     * @param script the URL path ({@code route}); the request and script lines are rewritten for it
     * @param args AGI arguments, replacing the transcript's
     * @param hangUpAfter the caller hangs up after this many replies (0: already gone, as in the {@code h}
     *                    extension; -1: never)
     */
    FakeAgiCall(int port, String envTranscript, String script, List<String> args, int hangUpAfter) {
        this.port = port;
        this.hangUpAfter = hangUpAfter;
        StringBuilder e = new StringBuilder();
        for (String line : TestData.agi(envTranscript).split("\n")) {
            if (line.isEmpty()) {
                break; // the end of the environment block
            }
            if (line.startsWith("agi_arg_") || line.startsWith("agi_network_script:")) {
                continue;
            }
            if (line.startsWith("agi_request:")) {
                e.append("agi_network_script: ").append(script).append('\n');
                line = "agi_request: agi://127.0.0.1:" + port + "/" + script;
            }
            e.append(line).append('\n');
        }
        for (int i = 0; i < args.size(); i++) {
            e.append("agi_arg_").append(i + 1).append(": ").append(args.get(i)).append('\n');
        }
        this.env = e.append('\n').toString();
        variables.put("CALLTAG", "abc123");
    }

    @Override
    public void run() {
        // the server binds on its own thread after start(): wait for it to listen
        Socket[] socket = new Socket[1];
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> (socket[0] = new Socket(InetAddress.getLoopbackAddress(), port)) != null);
        try (Socket s = socket[0];
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = s.getOutputStream();
            send(out, env);
            if (hangUpAfter == 0) {
                dead = true;
                send(out, TestData.agi("09-hangup-notification.asterisk.txt"));
            }
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String reply = answer(line);
                replies.add(reply);
                send(out, reply);
                if (replies.size() == hangUpAfter) {
                    dead = true;
                    send(out, TestData.agi("09-hangup-notification.asterisk.txt"));
                }
            }
        } catch (IOException e) {
            replies.add("connection error: " + e.getMessage());
        } finally {
            ended.countDown();
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private String answer(String line) {
        List<String> argv = parseArgs(line);
        String cmd = match(argv);
        if (cmd == null) {
            return TestData.agi("08-error-510.asterisk.txt");
        }
        if (dead && DEAD_OK.stream().noneMatch(cmd::startsWith)) {
            return DEAD;
        }
        int argc = argv.size();
        switch (cmd) {
            case "answer":
                return argc == 1 ? TestData.agi("02-answer.asterisk.txt") : usage();
            case "channel status":
                return argc == 2 || argc == 3 ? "200 result=6\n" : usage();
            case "get variable":
                if (argc != 3) {
                    return TestData.agi("08-error-520.asterisk.txt");
                }
                String v = variables.get(argv.get(2));
                return v == null ? "200 result=0\n" : "200 result=1 (" + v + ")\n";
            case "set variable":
                if (argc != 4) {
                    return usage();
                }
                variables.put(argv.get(2), argv.get(3));
                return TestData.agi("04-set-variable.asterisk.txt");
            case "noop":
                return "200 result=0\n";
            case "exec":
                if (argc < 2) {
                    return usage();
                }
                if (argv.get(1).equalsIgnoreCase("Dial")) {
                    variables.put("DIALSTATUS", "ANSWER"); // the operator answered, then the call ended
                    return TestData.agi("06-exec-dial.asterisk.txt");
                }
                return TestData.agi("06-exec-unknown-app.asterisk.txt");
            case "stream file":
                if (argc < 4 || argc > 5) {
                    return usage();
                }
                Integer samples = SOUNDS.get(argv.get(2));
                if (samples == null) {
                    return "200 result=-1 endpos=" + (argc == 5 ? argv.get(4) : "0") + "\n";
                }
                Character digit = pressed;
                if (digit != null && argv.get(3).indexOf(digit) >= 0) {
                    return "200 result=" + (int) digit + " endpos=" + samples * 2 / 5 + "\n";
                }
                return "200 result=0 endpos=" + samples + "\n";
            case "verbose":
                return "200 result=1\n";
            case "hangup":
                if (argc == 1) {
                    dead = true;
                    return TestData.agi("07-hangup.asterisk.txt");
                }
                return TestData.agi("07-hangup-other-missing.asterisk.txt");
            default:
                return usage();
        }
    }

    private static String usage() {
        return TestData.agi("08-error-520-nousage.asterisk.txt");
    }

    /** The longest known command the words start with, as agi_handle_command finds it. */
    private static String match(List<String> argv) {
        String best = null;
        for (String k : KNOWN) {
            String[] words = k.split(" ");
            if (argv.size() < words.length) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < words.length; i++) {
                all &= words[i].equalsIgnoreCase(argv.get(i));
            }
            if (all && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best;
    }

    /** res_agi parse_args: whitespace separates, double quotes group and are removed, backslash escapes. */
    static List<String> parseArgs(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean escaped = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (escaped) {
                cur.append(c);
                escaped = false;
                any = true;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }

    String lower(int i) {
        return commands.get(i).toLowerCase(Locale.ROOT);
    }
}
