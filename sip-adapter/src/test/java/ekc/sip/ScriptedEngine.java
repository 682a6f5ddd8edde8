package ekc.sip;

import ekc.engine.Command;
import ekc.engine.Input;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Stands in for the engine's queues and agents, which another engineer is building on the engine
 * issue (the skeleton engine on main never rings an operator): it records every input and answers
 * some with the commands the real engine will send, so the SIP side is driven exactly as in
 * production. Called on the adapter's lanes; thread-safe.
 */
final class ScriptedEngine implements Consumer<Input> {

    final List<Input> inputs = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Input, Consumer<Command>>> rules = new CopyOnWriteArrayList<>();
    volatile SipAdapter sip;

    /** Adds a rule: on every input, it may execute commands. */
    ScriptedEngine on(BiConsumer<Input, Consumer<Command>> rule) {
        rules.add(rule);
        return this;
    }

    @Override
    public void accept(Input input) {
        inputs.add(input);
        for (BiConsumer<Input, Consumer<Command>> rule : rules) {
            rule.accept(input, c -> sip.execute(c));
        }
    }

    <T extends Input> List<T> of(Class<T> type) {
        return inputs.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
