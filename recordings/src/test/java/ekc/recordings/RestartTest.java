package ekc.recordings;

import static ekc.recordings.DeferredWriter.KRD2;
import static ekc.recordings.DeferredWriter.T0;
import static org.assertj.core.api.Assertions.assertThat;

import ekc.engine.CardEvent;
import ekc.engine.Command;
import ekc.engine.Engine;
import ekc.engine.Input;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart after {@code kill -9} (issue 7): the engine and journal of {@link DeferredWriter}, a JVM of their
 * own, are killed with SIGKILL holding two deferred requests waiting for their call-backs, one booked on a
 * call still going, and one call with Yana. The next start closes the call as interrupted, gives the engine
 * the deferred requests back as they stood, and they are served: same places, same priority, the same
 * 8-working-hour deadline.
 */
class RestartTest {

    private static final long RESTART = T0 + 3_600_000; // 11:00 Moscow

    @TempDir
    Path dir;

    private final List<Object> out = new ArrayList<>();

    @Test
    void deferredRequestsAndCallBacksAreBackInTheirQueuesAfterKillMinus9AndServed_R20_R24_R25_R27() throws Exception {
        runAndKill();

        try (Journal j = Journal.open(dir)) {
            Journal.Restart restart = j.restart(RESTART);
            assertThat(restart.closing()).containsExactlyInAnyOrder(
                    new CardEvent.CallEnded(3, RESTART, "interrupted"),
                    new CardEvent.CardClosed(3, RESTART, Card.INTERRUPTED, "EKC stopped while the call was in progress", RESTART - (T0 + 400_000)),
                    new CardEvent.CallEnded(4, RESTART, "interrupted")); // 4's call is cut off; its call-back goes on
            assertThat(restart.deferred()).extracting(Input.DeferredRestored::callId).containsExactly(1L, 2L, 4L); // places in line
            assertThat(restart.deferred().get(0)).isEqualTo(new Input.DeferredRestored(1, "+78612000001", "Краснодарский край",
                    ekc.engine.Channel.VOICE, T0, KRD2.name(), T0 + 60_000, T0 + 7_200_000, null, false));
            assertThat(restart.deferred().get(1).assignedAgentId()).isEqualTo("m"); // R24
            restart.closing().forEach(j::append);
            j.flush();

            Engine engine = DeferredWriter.engine(j, out);
            restart.deferred().forEach(d -> engine.onInput(RESTART, d));
            // 2's call-back was due at 10:05: back at once, with priority (R25), for m alone (R24)
            assertThat(last(CardEvent.Queued.class)).isEqualTo(new CardEvent.Queued(2, RESTART, KRD2.name(), 10));
            engine.onInput(RESTART + 1_000, new Input.AgentLoggedIn("k"));
            assertThat(all(Command.DialCitizen.class)).isEmpty();
            engine.onInput(RESTART + 2_000, new Input.AgentLoggedIn("m"));
            assertThat(last(Command.DialCitizen.class)).isEqualTo(new Command.DialCitizen(2, "m", "+78612000002"));
            serve(engine, 2, "m", RESTART + 3_000);

            // 1's call-back at 12:00 (R20), on the dot, to the longest-idle operator
            engine.onInput(T0 + 7_199_999, Input.Tick.INSTANCE);
            assertThat(all(Command.DialCitizen.class)).hasSize(1);
            engine.onInput(T0 + 7_200_000, Input.Tick.INSTANCE);
            assertThat(last(Command.DialCitizen.class)).isEqualTo(new Command.DialCitizen(1, "k", "+78612000001"));
            serve(engine, 1, "k", T0 + 7_201_000);

            // 4, booked at 10:08:30 and never called back: 8 working hours from then (R27) end at 09:08:30 the next day
            engine.onInput(T0 + 10_800_000, new Input.AgentLoggedOut("k", "смена окончена"));
            engine.onInput(T0 + 10_800_000, new Input.AgentLoggedOut("m", "смена окончена"));
            long deadline = java.time.Instant.parse("2026-12-02T06:08:30Z").toEpochMilli();
            engine.onInput(deadline, Input.Tick.INSTANCE);
            assertThat(all(CardEvent.SlaBreached.class)).isEmpty();
            engine.onInput(deadline + 1, Input.Tick.INSTANCE);
            assertThat(last(CardEvent.SlaBreached.class)).isEqualTo(
                    new CardEvent.SlaBreached(4, deadline + 1, "R27", deadline - (T0 + 510_000), deadline + 1 - (T0 + 510_000)));
            j.flush();

            Journal.Restart again = j.restart(deadline + 2);
            assertThat(again.closing()).as("a second restart closes nothing").isEmpty();
            assertThat(again.deferred()).extracting(Input.DeferredRestored::callId, Input.DeferredRestored::deadlineReported)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, true));
        }
        try (Cards cards = Cards.open(dir)) {
            for (long n : new long[] {1, 2}) {
                Card c = cards.get(n).orElseThrow();
                assertThat(c.status()).as("card %d", n).isEqualTo("served");
                assertThat(cards.events(n).stream().filter(e -> e instanceof CardEvent.CardClosed)).hasSize(1);
            }
            assertThat(cards.get(3).orElseThrow().status()).isEqualTo(Card.INTERRUPTED);
            assertThat(cards.get(4).orElseThrow().status()).isEqualTo(Card.IN_PROGRESS);
            assertThat(cards.get(2).orElseThrow().timeline()).extracting(Card.Entry::text).contains("Назначен оператор m (отложенное обращение)");
        }
    }

    /** The operator answers the call-back, the caller hangs up, the wrap-up ends: the card closes. */
    private static void serve(Engine engine, long card, String agent, long at) {
        engine.onInput(at, new Input.AgentAnswered(card, agent));
        engine.onInput(at + 60_000, new Input.CallerHungUp(card, "BYE"));
        engine.onInput(at + 70_000, new Input.WrapUpFinished(agent));
    }

    private <T> List<T> all(Class<T> type) {
        return out.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private <T> T last(Class<T> type) {
        List<T> l = all(type);
        assertThat(l).as("some %s in %s", type.getSimpleName(), out).isNotEmpty();
        return l.get(l.size() - 1);
    }

    private void runAndKill() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DeferredWriter.class.getName(), dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.equals("ready")) {
                // the child prints nothing else
            }
            assertThat(line).as("the writer got its calls in").isEqualTo("ready");
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
    }
}
