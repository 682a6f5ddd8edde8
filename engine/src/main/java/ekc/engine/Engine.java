package ekc.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs on the engine thread. Owns every call; decides; tells adapters what to do through
 * {@link Outputs}, and records every decision as a {@link CardEvent}. Never reads a clock: the
 * time of each input is given.
 *
 * <p>Walking-skeleton behaviour: answer, greet, say goodbye, hang up. Queues, agents and SLAs
 * arrive with the engine issue; the robot dialog with the robot issue.
 */
public final class Engine implements EngineRing.Handler {

    public static final String GREETING = "greeting";
    public static final String GOODBYE = "goodbye";

    private final Outputs out;
    private final Map<Long, Call> calls = new HashMap<>();
    private long now;

    public Engine(Outputs out) {
        this.out = out;
    }

    /** One call's state, owned by the engine thread. */
    private static final class Call {
        final long id;
        final long opened;
        boolean robot;

        Call(long id, long opened) {
            this.id = id;
            this.opened = opened;
        }
    }

    @Override
    public void onInput(long time, Input input) {
        if (time > now) {
            now = time;
        }
        if (input instanceof Input.CallOffered o) {
            offered(o);
        } else if (input instanceof Input.PromptFinished p) {
            promptFinished(p);
        } else if (input instanceof Input.CallerHungUp h) {
            hungUp(h);
        }
    }

    @Override
    public void onEndOfBatch() {
        out.endOfBatch();
    }

    /** Calls in progress. */
    public int activeCalls() {
        return calls.size();
    }

    private void offered(Input.CallOffered o) {
        if (calls.containsKey(o.callId())) {
            return; // a retransmitted offer is the same call
        }
        Call call = new Call(o.callId(), now);
        calls.put(call.id, call);
        out.fact(new CardEvent.CardOpened(call.id, now, o.caller(), o.region(), o.direction(), o.channel(), o.called()));
        out.command(new Command.AnswerCall(call.id));
        call.robot = true;
        out.fact(new CardEvent.RobotDialogStarted(call.id, now));
        play(call, GREETING);
    }

    private void promptFinished(Input.PromptFinished p) {
        Call call = calls.get(p.callId());
        if (call == null) {
            return;
        }
        if (GREETING.equals(p.prompt())) {
            play(call, GOODBYE);
        } else if (GOODBYE.equals(p.prompt())) {
            out.fact(new CardEvent.RobotDialogEnded(call.id, now, RobotOutcome.ANSWERED, null, now - call.opened));
            out.command(new Command.HangUp(call.id, "robot finished"));
            close(call, "robot", "answered-by-robot", "робот завершил диалог");
        }
    }

    private void hungUp(Input.CallerHungUp h) {
        Call call = calls.get(h.callId());
        if (call == null) {
            return;
        }
        if (call.robot) {
            out.fact(new CardEvent.RobotDialogEnded(call.id, now, RobotOutcome.CALLER_GONE, null, now - call.opened));
        }
        close(call, h.cause(), "caller-hung-up", "абонент завершил вызов");
    }

    private void play(Call call, String prompt) {
        out.fact(new CardEvent.PromptPlayed(call.id, now, prompt));
        out.command(new Command.PlayPrompt(call.id, prompt));
    }

    private void close(Call call, String cause, String status, String reason) {
        calls.remove(call.id);
        out.fact(new CardEvent.CallEnded(call.id, now, cause));
        out.fact(new CardEvent.CardClosed(call.id, now, status, reason, now - call.opened));
    }
}
