package ekc.bench.engine;

import ekc.engine.Engine;
import ekc.engine.Input;
import ekc.engine.Output;
import ekc.engine.OutputKind;
import ekc.engine.OutputSink;

/**
 * Feeds a {@link Workload} script to the engine one input per step, and plays the operators: the
 * agent the engine rings answers on the next step, the caller speaks, and after {@link #TALK_STEPS}
 * steps the agent hangs up and then finishes wrap-up. So each call costs six inputs, about a hundred
 * calls are in progress at any time, and the rings, queues and timers all work. Engine thread only.
 *
 * <p>It reads the engine's reused {@link Output} slot (the allocation-free sink) and plays replies
 * the {@link Workload} made in advance, from two preallocated FIFOs, so that whatever JMH's
 * {@code -prof gc} counts per step is the engine's own allocation.
 */
final class Driver implements OutputSink {

    static final int TALK_STEPS = 600;
    private static final int FIFO = 1 << 12; // ≈ 100 calls in progress: 4 replies each at most

    final Engine engine;
    private final Workload w;
    private final Input[] script;
    private final Fifo soon = new Fifo();
    private final Fifo later = new Fifo();
    private int next;
    /** Per call id: offered by the script and not yet hung up; the script replays its ids only once they are free. */
    private final boolean[] open;
    private long step;
    private long time = 1_796_112_000_000L;
    long outputs;

    /** Replies due at a step, in order; a ring of preallocated arrays. */
    private static final class Fifo {
        final long[] due = new long[FIFO];
        final Input[] input = new Input[FIFO];
        long head;
        long tail;

        void add(long at, Input in) {
            if (tail - head == FIFO) {
                throw new IllegalStateException("driver FIFO full");
            }
            due[(int) (tail & (FIFO - 1))] = at;
            input[(int) (tail++ & (FIFO - 1))] = in;
        }

        /** The due step of the first reply, or Long.MAX_VALUE. */
        long firstDue() {
            return head == tail ? Long.MAX_VALUE : due[(int) (head & (FIFO - 1))];
        }

        Input poll() {
            int i = (int) (head++ & (FIFO - 1));
            Input in = input[i];
            input[i] = null;
            return in;
        }
    }

    /** True: make each reply when the agent is rung, as the benchmark did at d0947f0 (allocates ≈ 31 B/op; harness cost only). */
    private final boolean allocateReplies;

    Driver(Workload w) {
        this(w, false);
    }

    Driver(Workload w, boolean allocateReplies) {
        this.allocateReplies = allocateReplies;
        this.engine = new Engine(this, w.settings);
        this.w = w;
        this.script = w.script;
        this.open = new boolean[w.replies.length];
    }

    /** One input (one decision): an operator's reply when one is due, else the script's next; the script wraps around. */
    void step() {
        step++;
        time++;
        Input in;
        long a = soon.firstDue();
        long b = later.firstDue();
        if (a <= step && a <= b) {
            in = soon.poll();
        } else if (b <= step) {
            in = later.poll();
            if (in instanceof Input.AgentHungUp h) {
                open[(int) h.callId()] = false;
            }
        } else {
            in = script[next];
            next = next + 1 == script.length ? Workload.AGENTS : next + 1; // after the logins
            if (in instanceof Input.CallOffered c) {
                int id = (int) c.callId();
                if (open[id]) {
                    throw new IllegalStateException("call " + id + " offered again while still in progress: make the Workload longer");
                }
                open[id] = true;
            }
        }
        engine.onInput(time, in);
    }

    /**
     * Which of the call's possible operators was rung: the engine names them by the id strings of their
     * {@code AgentSpec}s, which are the Workload's own instances, so a reference compare over the queue's
     * two or three operators finds them (no hashing per ring).
     */
    private static int operatorOf(String[] who, String agent) {
        for (int k = 0; k < who.length; k++) {
            if (who[k] == agent) {
                return k;
            }
        }
        throw new IllegalStateException("rang " + agent + ", who does not serve the call's queue");
    }

    /**
     * Counts every decision; only a ring needs a reply. Kept this small so the JIT inlines it into the
     * engine's {@code emit} (with the reply code in it, 283 bytes, it was "already compiled into a big
     * method" and every one of the ≈ 2.7 decisions per input was a real call).
     */
    @Override
    public void accept(Output o) {
        outputs++;
        if (o.kind() == OutputKind.RING_AGENT) {
            rung(o);
        }
    }

    /** The operator the engine rang will answer, the caller speak, the operator hang up and finish wrap-up. */
    private void rung(Output o) {
        if (allocateReplies) {
            long call = o.call();
            String agent = o.s1();
            soon.add(step + 1, new Input.AgentAnswered(call, agent));
            soon.add(step + 2, new Input.VoiceActivity(call, true));
            later.add(step + TALK_STEPS, new Input.AgentHungUp(call, agent));
            later.add(step + TALK_STEPS + 1, new Input.WrapUpFinished(agent));
        } else {
            int call = (int) o.call();
            int k = 3 * operatorOf(w.queueAgentIds[call], o.s1());
            Input[] row = w.replies[call];
            soon.add(step + 1, row[k + 1]);
            soon.add(step + 2, row[0]);
            later.add(step + TALK_STEPS, row[k + 2]);
            later.add(step + TALK_STEPS + 1, row[k + 3]);
        }
    }
}
