package ekc.bench.engine;

import ekc.engine.CardEvent;
import ekc.engine.Command;
import ekc.engine.Engine;
import ekc.engine.Input;
import ekc.engine.Outputs;
import java.util.ArrayDeque;

/**
 * Feeds a {@link Workload} script to the engine one input per step, and plays the operators: the
 * agent the engine rings answers on the next step, the caller speaks, and after {@link #TALK_STEPS}
 * steps the agent hangs up and then finishes wrap-up. So each call costs six inputs, about a hundred
 * calls are in progress at any time, and the rings, queues and timers all work. Engine thread only.
 */
final class Driver implements Outputs {

    static final int TALK_STEPS = 600;

    private record Pending(long due, Input input) {}

    final Engine engine;
    private final Input[] script;
    private final ArrayDeque<Pending> soon = new ArrayDeque<>();
    private final ArrayDeque<Pending> later = new ArrayDeque<>();
    private int next;
    private long step;
    private long time = 1_796_112_000_000L;
    long outputs;

    Driver(Workload w) {
        this.engine = new Engine(this, w.settings);
        this.script = w.script;
    }

    /** One input (one decision): an operator's reply when one is due, else the script's next; the script wraps around. */
    void step() {
        step++;
        time++;
        Input in;
        Pending a = soon.peekFirst();
        Pending b = later.peekFirst();
        if (a != null && a.due <= step && (b == null || a.due <= b.due)) {
            in = soon.pollFirst().input;
        } else if (b != null && b.due <= step) {
            in = later.pollFirst().input;
        } else {
            in = script[next];
            next = next + 1 == script.length ? 1_000 : next + 1; // after the logins
        }
        engine.onInput(time, in);
    }

    @Override
    public void command(Command command) {
        outputs++;
        if (command instanceof Command.RingAgent r) {
            soon.addLast(new Pending(step + 1, new Input.AgentAnswered(r.callId(), r.agentId())));
            soon.addLast(new Pending(step + 2, new Input.VoiceActivity(r.callId(), true)));
            later.addLast(new Pending(step + TALK_STEPS, new Input.AgentHungUp(r.callId(), r.agentId())));
            later.addLast(new Pending(step + TALK_STEPS + 1, new Input.WrapUpFinished(r.agentId())));
        }
    }

    @Override
    public void fact(CardEvent event) {
        outputs++;
    }
}
