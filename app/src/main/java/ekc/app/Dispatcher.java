package ekc.app;

import ekc.engine.Command;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs on its own thread, "ekc-dispatch". Takes the engine's commands off the engine thread and
 * hands each to the adapter that carries it out, so a slow adapter never stalls decisions.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Command STOP = new Command.HangUp(Long.MIN_VALUE, "dispatcher stopped");

    private final BlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    Dispatcher(Consumer<Command> route) {
        thread = new Thread(() -> loop(route), "ekc-dispatch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called on the engine thread; never blocks. */
    void offer(Command command) {
        queue.add(command);
    }

    private void loop(Consumer<Command> route) {
        while (true) {
            Command c;
            try {
                c = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (c == STOP) {
                return;
            }
            try {
                route.accept(c);
            } catch (RuntimeException e) {
                // one failed command must not stop the others
                LOG.warn("command {} failed: {}", c, e.toString(), e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        queue.add(STOP);
        thread.join(5_000);
    }
}
