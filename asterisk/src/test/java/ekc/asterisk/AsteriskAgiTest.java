package ekc.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ekc.engine.Channel;
import ekc.engine.Command;
import ekc.engine.Direction;
import ekc.engine.Input;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FastAGI against {@link FakeAgiCall} (Asterisk's side of a call) and, for the legs the card
 * records, AMI against {@link FakeAmi}: Asterisk itself is not installable here.
 */
class AsteriskAgiTest {

    @TempDir
    Path dir;
    FakeAmi asterisk;
    Fixture ekc;

    private void start(Map<String, AgiScript> extra) throws Exception {
        asterisk = new FakeAmi("javaclient", Fixture.SECRET);
        ekc = new Fixture(dir, asterisk.port(), extra);
        ekc.adapter.start();
        await().atMost(Duration.ofSeconds(10)).until(ekc.adapter::amiConnected);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ekc != null) {
            ekc.close();
        }
        if (asterisk != null) {
            asterisk.close();
            assertThat(asterisk.unmodelled).isEmpty();
        }
    }

    private FakeAgiCall call(String env, String script, List<String> args, int hangUpAfter) throws InterruptedException {
        FakeAgiCall call = new FakeAgiCall(ekc.agiPort, env, script, args, hangUpAfter);
        Thread t = new Thread(call, "fake-agi-call");
        t.setDaemon(true);
        t.start();
        assertThat(call.ended.await(15, TimeUnit.SECONDS)).as("EKC ended the AGI session").isTrue();
        return call;
    }

    @Test
    void routeOpensTheCardAndAnswersWithChannelVariables() throws Exception {
        start(Map.of());
        FakeAgiCall call = call("01-env.asterisk.txt", "route", List.of("sales", "1001"), -1);

        Input.CallOffered offered = ekc.inputs(Input.CallOffered.class).get(0);
        assertThat(offered.caller()).isEqualTo("1001");
        assertThat(offered.called()).isEqualTo("700");
        assertThat(offered.channel()).isEqualTo(Channel.VOICE);
        assertThat(offered.direction()).isEqualTo(Direction.INBOUND);
        assertThat(call.commands).containsExactly(
                "GET VARIABLE \"EKC_CALL_ID\"",
                "SET VARIABLE \"EKC_CALL_ID\" \"" + offered.callId() + "\"",
                "SET VARIABLE \"EKC_ROUTE\" \"queue\"",
                "SET VARIABLE \"EKC_QUEUE\" \"support\"",
                "SET VARIABLE \"EKC_AGENT_DEVICE\" \"\"",
                "SET VARIABLE \"EKC_PROMPT\" \"ekc/welcome\"",
                "CHANNEL STATUS",
                "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\""); // asterisk-java's own, at the end
        assertThat(call.variables).containsEntry("EKC_QUEUE", "support").containsEntry("EKC_PROMPT", "ekc/welcome")
                .containsEntry("EKC_CALL_ID", Long.toString(offered.callId()));
        assertThat(ekc.inputs).hasSize(1 + 4); // and the QueueStatus snapshot of the two operators
        assertThat(ekc.adapter.owns(new Command.HangUp(offered.callId(), "done"))).isTrue();
    }

    @Test
    void anUnknownCallerOnALocalChannelTakesTheDefaultRoute() throws Exception {
        start(Map.of());
        FakeAgiCall call = call("01-env-noscript-noargs.asterisk.txt", "route", List.of(), -1);

        Input.CallOffered offered = ekc.inputs(Input.CallOffered.class).get(0);
        assertThat(offered.caller()).isNull(); // agi_callerid: unknown
        assertThat(call.variables).containsEntry("EKC_ROUTE", "queue").containsEntry("EKC_QUEUE", "support")
                .containsEntry("EKC_PROMPT", "");
    }

    @Test
    void aCallPassingTheRouteAgainKeepsItsCard() throws Exception {
        start(Map.of());
        FakeAgiCall first = call("01-env.asterisk.txt", "route", List.of("vip"), -1);
        assertThat(first.variables).containsEntry("EKC_ROUTE", "agent").containsEntry("EKC_AGENT_DEVICE", "PJSIP/2001");
        FakeAgiCall again = new FakeAgiCall(ekc.agiPort, "01-env.asterisk.txt", "route", List.of("sales"), -1);
        again.variables.put("EKC_CALL_ID", first.variables.get("EKC_CALL_ID"));
        Thread t = new Thread(again);
        t.start();
        assertThat(again.ended.await(15, TimeUnit.SECONDS)).isTrue();

        assertThat(ekc.inputs(Input.CallOffered.class)).hasSize(1);
        assertThat(again.variables).containsEntry("EKC_QUEUE", "support");
    }

    @Test
    void theCallerHangingUpMidScriptIsRecordedOnceAndTheScriptEnds() throws Exception {
        start(Map.of());
        // Asterisk sends HANGUP after its first reply; SET VARIABLE still works on a dead channel, CHANNEL STATUS gets 511
        FakeAgiCall call = call("01-env.asterisk.txt", "route", List.of("sales"), 1);

        assertThat(call.replies.get(call.commands.indexOf("CHANNEL STATUS"))).startsWith("511 Command Not Permitted on a dead channel");
        long callId = ekc.inputs(Input.CallOffered.class).get(0).callId();
        await().until(() -> ekc.inputs.contains(new Input.CallerHungUp(callId, "hung up while EKC routed the call")));

        // AMI's Hangup for the same channel (uniqueid 1754400000.12) must not end the card twice
        asterisk.emit(TestData.amiEvent("Hangup"));
        asterisk.emit(TestData.amiEvent("DeviceStateChange").replace("INUSE", "UNAVAILABLE")); // a marker after it
        await().until(() -> ekc.inputs.contains(new Input.AgentUnregistered(Fixture.ALICE, "Asterisk: device UNAVAILABLE")));
        assertThat(ekc.inputs(Input.CallerHungUp.class)).hasSize(1);
    }

    @Test
    void asteriskErrors510And520ReachTheScriptAsTypedErrorsAndTheSessionGoesOn() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AgiScript probe = (AgiRequest request, AgiChannel channel) -> {
            try {
                channel.sendCommand(new RawCommand("FLY TO MOON"));
            } catch (AgiException e) {
                seen.add(e.getClass().getSimpleName());
            }
            try {
                channel.sendCommand(new RawCommand("GET VARIABLE"));
            } catch (AgiException e) {
                seen.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            AgiReply r = channel.sendCommand(new RawCommand("NOOP still here"));
            seen.add("NOOP " + r.getStatus());
        };
        start(Map.of("probe", probe));
        FakeAgiCall call = call("01-env.asterisk.txt", "probe", List.of(), -1);

        assertThat(call.replies.get(0)).isEqualTo("510 Invalid or unknown command\n");
        assertThat(call.replies.get(1)).startsWith("520-Invalid command syntax.").endsWith("520 End of proper usage.\n");
        assertThat(seen.get(0)).isEqualTo("InvalidOrUnknownCommandException");
        assertThat(seen.get(1)).startsWith("InvalidCommandSyntaxException");
        assertThat(seen.get(2)).isEqualTo("NOOP 200");
    }

    @Test
    void ringingAnOperatorForACallerOnAsteriskRedirectsTheCallerAndTheBridgeIsTheAnswer() throws Exception {
        start(Map.of());
        call("01-env.asterisk.txt", "route", List.of("sales"), -1);
        long callId = ekc.inputs(Input.CallOffered.class).get(0).callId();
        asterisk.channels.add("PJSIP/1001-00000004");

        ekc.adapter.execute(new Command.RingAgent(callId, Fixture.ALICE, "PJSIP/2001"));
        await().until(() -> asterisk.actions("Redirect").size() == 1);
        assertThat(asterisk.actions("Redirect").get(0)).containsEntry("Channel", "PJSIP/1001-00000004")
                .containsEntry("Context", "ekc-agent").containsEntry("Exten", "2001").containsEntry("Priority", "1");

        // Alice's channel PJSIP/2001-00000005 enters the bridge; its Linkedid is the caller's uniqueid
        asterisk.emit(TestData.amiEvent("BridgeEnter"));
        await().until(() -> ekc.inputs.contains(new Input.AgentAnswered(callId, Fixture.ALICE)));
        asterisk.emit(TestData.amiEvent("Hangup")); // the caller (1754400000.12) hangs up
        await().until(() -> ekc.inputs.contains(new Input.CallerHungUp(callId, "Asterisk: Normal Clearing")));
        asterisk.emit(TestData.amiEvent("Hangup").replace("Uniqueid: 1754400000.12", "Uniqueid: 1754400012.13")
                .replace("PJSIP/1001-00000004", "PJSIP/2001-00000005"));
        await().until(() -> ekc.inputs.contains(new Input.AgentHungUp(callId, Fixture.ALICE)));
        assertThat(ekc.inputs(Input.AgentAnswered.class)).hasSize(1);
    }

    @Test
    void releasingTheOperatorOfACitizenOnAsteriskPutsTheCitizenOnHoldAndOnlyThenDoesEkcHangUp() throws Exception {
        start(Map.of());
        call("01-env.asterisk.txt", "route", List.of("sales"), -1);
        long callId = ekc.inputs(Input.CallOffered.class).get(0).callId();
        asterisk.channels.add("PJSIP/1001-00000004");
        asterisk.emit(TestData.amiEvent("AgentConnect")); // an Asterisk queue connected Alice
        await().until(() -> ekc.inputs.contains(new Input.AgentAnswered(callId, Fixture.ALICE)));

        // while the citizen is in the dialplan's queue, the dialplan ends the call, not EKC
        ekc.adapter.execute(new Command.HangUp(callId, "caller silent"));
        ekc.adapter.execute(new Command.ReleaseAgent(callId, Fixture.ALICE));
        await().until(() -> asterisk.actions("Redirect").size() == 1);
        assertThat(asterisk.actions("Hangup")).isEmpty();
        assertThat(asterisk.actions("Redirect").get(0)).containsEntry("Channel", "PJSIP/1001-00000004")
                .containsEntry("Context", "ekc-agent").containsEntry("Exten", "ekc-hold");

        await().until(() -> ekc.adapter.holds(callId));
        ekc.adapter.execute(new Command.HangUp(callId, "no operators"));
        await().until(() -> asterisk.actions("Hangup").size() == 1);
        assertThat(asterisk.actions("Hangup").get(0)).containsEntry("Channel", "PJSIP/1001-00000004");
    }

    @Test
    void theDialplansOutcomeReachesTheCardWithTheHangUp() throws Exception {
        start(Map.of());
        FakeAgiCall route = call("01-env.asterisk.txt", "route", List.of("sales"), -1);
        long callId = ekc.inputs(Input.CallOffered.class).get(0).callId();

        // the caller gave up in the queue; the h extension runs AGI(outcome) on the dead channel
        FakeAgiCall outcome = new FakeAgiCall(ekc.agiPort, "01-env.asterisk.txt", "outcome", List.of(), 0);
        outcome.variables.put("EKC_CALL_ID", route.variables.get("EKC_CALL_ID"));
        outcome.variables.put("QUEUESTATUS", "TIMEOUT");
        Thread t = new Thread(outcome);
        t.start();
        assertThat(outcome.ended.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(outcome.commands).contains("GET VARIABLE \"QUEUESTATUS\"", "GET VARIABLE \"DIALSTATUS\"");

        asterisk.emit(TestData.amiEvent("Hangup"));
        await().until(() -> ekc.inputs.contains(new Input.CallerHungUp(callId, "Asterisk: Normal Clearing (queue TIMEOUT)")));
    }

    @Test
    void aFastAgiPortInUseIsAClearErrorAtStart() throws Exception {
        asterisk = new FakeAmi("javaclient", Fixture.SECRET);
        ekc = new Fixture(dir, asterisk.port());
        try (java.net.ServerSocket taken = new java.net.ServerSocket(ekc.agiPort, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(ekc.adapter::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("asterisk.agiHost/agiPort 127.0.0.1:" + taken.getLocalPort() + " cannot be bound");
        }
    }

    @Test
    void aMissingSecretIsAClearErrorAtStartThatNamesWhereItWasLookedFor() throws Exception {
        asterisk = new FakeAmi("javaclient", Fixture.SECRET);
        ekc = new Fixture(dir, asterisk.port());
        java.nio.file.Files.delete(ekc.secretFile);
        assertThatThrownBy(ekc.adapter::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read asterisk.amiSecretFile " + ekc.secretFile);
    }

    @Test
    void aRedirectOfAChannelAsteriskNoLongerHasIsAgentRejected() throws Exception {
        start(Map.of());
        call("01-env.asterisk.txt", "route", List.of("sales"), -1);
        long callId = ekc.inputs(Input.CallOffered.class).get(0).callId();

        ekc.adapter.execute(new Command.RingAgent(callId, Fixture.ALICE, "PJSIP/2001"));
        await().until(() -> ekc.inputs.contains(new Input.AgentRejected(callId, Fixture.ALICE,
                "Asterisk: Channel does not exist: PJSIP/1001-00000004")));
    }

    @Test
    void anAsteriskQueueConnectingTheCallerIsAnAnswerOnTheCard() throws Exception {
        start(Map.of());
        call("01-env.asterisk.txt", "route", List.of("sales"), -1);
        long callId = ekc.inputs(Input.CallOffered.class).get(0).callId();

        asterisk.emit(TestData.amiEvent("AgentConnect"));
        await().until(() -> ekc.inputs.contains(new Input.AgentAnswered(callId, Fixture.ALICE)));
        asterisk.emit(TestData.amiEvent("BridgeEnter")); // the same leg: no second answer
        asterisk.emit(TestData.amiEvent("Hangup").replace("Uniqueid: 1754400000.12", "Uniqueid: 1754400012.13"));
        await().until(() -> ekc.inputs.contains(new Input.AgentHungUp(callId, Fixture.ALICE)));
        assertThat(ekc.inputs(Input.AgentAnswered.class)).hasSize(1);
    }

    /** A command line as given, to make Asterisk answer 510 and 520. */
    private static final class RawCommand extends AbstractAgiCommand {
        private static final long serialVersionUID = 1L;
        private final String line;

        RawCommand(String line) {
            this.line = line;
        }

        @Override
        public String buildCommand() {
            return line;
        }
    }
}
