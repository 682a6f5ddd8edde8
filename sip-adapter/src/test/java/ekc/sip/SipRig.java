package ekc.sip;

import ekc.config.EkcConfig;
import ekc.config.RobotConfig;
import ekc.config.SipConfig;
import ekc.engine.CallIds;
import ekc.engine.CardEvent;
import ekc.engine.Command;
import ekc.engine.Engine;
import ekc.engine.EngineRing;
import ekc.engine.Input;
import ekc.engine.Outputs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real engine on its real ring, wired to a real {@link SipAdapter} on a free port, as the app
 * wires them. {@code promptsEnd}: when true, every prompt is reported finished at once (what the
 * media module does once it has played it), so the skeleton flow ends with our BYE; when false,
 * prompts never end and the caller hangs up.
 */
final class SipRig implements AutoCloseable {

    final UdpMediaPorts media = new UdpMediaPorts();
    final List<Input> inputs = new CopyOnWriteArrayList<>();
    final List<CardEvent> facts = new CopyOnWriteArrayList<>();
    final List<Command> commands = new CopyOnWriteArrayList<>();
    final EngineRing ring;
    final SipAdapter sip;

    SipRig(boolean promptsEnd) {
        // robot off: the skeleton flow (greeting, goodbye, BYE) without Vosk
        this(new EkcConfig(null, new SipConfig("127.0.0.1", 0, null), null, null, new RobotConfig("ru", null, false)), promptsEnd);
    }

    SipRig(EkcConfig config, boolean promptsEnd) {
        SipAdapter[] adapter = new SipAdapter[1];
        EngineRing[] ringRef = new EngineRing[1];
        Engine engine = new Engine(new Outputs() {
            @Override
            public void command(Command command) {
                commands.add(command);
                if (command instanceof Command.PlayPrompt p) {
                    if (promptsEnd) {
                        // the engine thread must not publish into its own ring (it could block on a full ring)
                        Thread t = new Thread(() -> ringRef[0].publish(new Input.PromptFinished(p.callId(), p.prompt(), false)));
                        t.setDaemon(true);
                        t.start();
                    }
                } else {
                    adapter[0].execute(command);
                }
            }

            @Override
            public void fact(CardEvent event) {
                facts.add(event);
            }
        }, config);
        ring = new EngineRing(1024, System::currentTimeMillis, (time, input) -> {
            inputs.add(input);
            engine.onInput(time, input);
        });
        ringRef[0] = ring;
        sip = new SipAdapter(config, ring::publish, media, new CallIds(System.currentTimeMillis()));
        adapter[0] = sip;
        sip.start();
    }

    int port() {
        return sip.port();
    }

    @Override
    public void close() {
        sip.close();
        ring.close();
        media.closeAll();
    }
}
