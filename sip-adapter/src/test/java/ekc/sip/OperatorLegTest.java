package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.config.EkcConfig;
import ekc.config.SipConfig;
import ekc.config.SipTrunk;
import ekc.engine.CallIds;
import ekc.engine.Command;
import ekc.engine.Input;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * B2BUA legs to an operator's phone: SIPp plays the citizen and, registered with digest auth, the
 * operator's phone; {@link ScriptedEngine} sends the engine's commands.
 */
class OperatorLegTest {

    @TempDir
    Path dir;

    final ScriptedEngine engine = new ScriptedEngine();
    final UdpMediaPorts media = new UdpMediaPorts();
    final AtomicLong agentLegSeen = new AtomicLong(-1);
    SipAdapter sip;
    Sipp.Running phone;
    Sipp.Running gateway;

    void start(int agentRingSeconds, String gatewayAddress) {
        SipConfig config = new SipConfig("127.0.0.1", 0, null, null, null, null, null, null,
                gatewayAddress != null ? new SipTrunk(gatewayAddress, null, 0, null) : null, null, null, null,
                agentRingSeconds, null);
        sip = new SipAdapter(new EkcConfig(null, config, null, null, null), engine, media, new CallIds(1));
        engine.sip = sip;
        sip.start();
    }

    /** The engine answers each call and rings operator 25722, as its queue would. */
    void answerAndRingOperator() {
        engine.on((input, exec) -> {
            if (input instanceof Input.CallOffered o) {
                exec.accept(new Command.AnswerCall(o.callId()));
                exec.accept(new Command.RingAgent(o.callId(), "25722", "sip:ignored@192.0.2.1"));
            } else if (input instanceof Input.AgentAnswered a) {
                agentLegSeen.set(sip.agentLeg(a.callId(), a.agentId()));
            }
        });
    }

    void registerPhone(String scenario) {
        phone = Sipp.serve(dir, scenario, "udp", 1);
        try (RawSip registering = new RawSip(sip.port())) {
            assertThat(RawSip.status(RegistrarTest.registerSha256(registering, "25722", "demo25722", 1, 600, phone.port)))
                    .isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !engine.of(Input.AgentRegistered.class).isEmpty());
    }

    @AfterEach
    void stop() {
        for (Sipp.Running r : new Sipp.Running[] {phone, gateway}) {
            if (r != null) {
                r.stop();
            }
        }
        if (sip != null) {
            sip.close();
        }
        media.closeAll();
    }

    @Test
    void theOperatorAnswersMediaGetsBothLegsAndTheCallersByeEndsBoth() {
        start(30, null);
        answerAndRingOperator();
        registerPhone("agent_answers");
        Sipp.Result caller = Sipp.run(dir, "uac_bye", sip.port(), "udp", "88001000001", 1, "-d", "2500");
        assertThat(caller.ok()).as(caller.output()).isTrue();
        Sipp.Result operator = phone.await();
        assertThat(operator.ok()).as(operator.output()).isTrue();

        long callId = engine.of(Input.CallOffered.class).get(0).callId();
        assertThat(engine.of(Input.AgentAnswered.class)).containsExactly(new Input.AgentAnswered(callId, "25722"));
        assertThat(engine.of(Input.CallerHungUp.class)).containsExactly(new Input.CallerHungUp(callId, "BYE"));
        assertThat(agentLegSeen.get()).isNotEqualTo(-1).isNotEqualTo(callId);
        // per-leg SDP: the caller chose PCMA, the operator's phone PCMU
        assertThat(media.connected).anySatisfy(c -> {
            assertThat(c.legId()).isEqualTo(callId);
            assertThat(c.payloadType()).isEqualTo(8);
        }).anySatisfy(c -> {
            assertThat(c.legId()).isEqualTo(agentLegSeen.get());
            assertThat(c.payloadType()).isEqualTo(0);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> media.released.size() == 2);
        assertThat(sip.agentLeg(callId, "25722")).isEqualTo(-1);
        assertThat(sip.activeCalls()).isZero();
    }

    @Test
    void theCallerHangingUpWhileTheOperatorsPhoneRingsCancelsIt() {
        start(30, null);
        answerAndRingOperator();
        registerPhone("agent_rings");
        Sipp.Result caller = Sipp.run(dir, "uac_bye", sip.port(), "udp", "88001000001", 1, "-d", "800");
        assertThat(caller.ok()).as(caller.output()).isTrue();
        Sipp.Result operator = phone.await(); // it saw INVITE, then CANCEL
        assertThat(operator.ok()).as(operator.output()).isTrue();
        assertThat(engine.of(Input.AgentRejected.class)).isEmpty();
        assertThat(engine.of(Input.CallerHungUp.class)).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> media.released.size() == 2);
    }

    @Test
    void anOperatorWhoDoesNotAnswerIsCancelledAndTheEngineToldSo() {
        start(1, null);
        answerAndRingOperator();
        registerPhone("agent_rings");
        Sipp.Running caller = Sipp.start(dir, "uac_bye", "127.0.0.1:" + sip.port(), "udp", "88001000001", 1, "-d", "3000");
        await().atMost(Duration.ofSeconds(8)).until(() -> !engine.of(Input.AgentRejected.class).isEmpty());
        long callId = engine.of(Input.CallOffered.class).get(0).callId();
        assertThat(engine.of(Input.AgentRejected.class)).containsExactly(new Input.AgentRejected(callId, "25722", "no answer"));
        Sipp.Result operator = phone.await();
        assertThat(operator.ok()).as(operator.output()).isTrue();
        Sipp.Result done = caller.await(); // the caller is still connected until they hang up
        assertThat(done.ok()).as(done.output()).isTrue();
    }

    @Test
    void aBusyOperatorIsReportedAsRejected() {
        start(30, null);
        answerAndRingOperator();
        registerPhone("agent_busy");
        Sipp.Result caller = Sipp.run(dir, "uac_bye", sip.port(), "udp", "88001000001", 1, "-d", "1500");
        assertThat(caller.ok()).as(caller.output()).isTrue();
        assertThat(phone.await().ok()).isTrue();
        long callId = engine.of(Input.CallOffered.class).get(0).callId();
        assertThat(engine.of(Input.AgentRejected.class)).containsExactly(new Input.AgentRejected(callId, "25722", "486 Busy Here"));
    }

    @Test
    void anUnregisteredOperatorIsNeverDialledWhateverContactTheCommandNames() {
        start(30, null);
        answerAndRingOperator();
        Sipp.Result caller = Sipp.run(dir, "uac_bye", sip.port(), "udp", "88001000001", 1, "-d", "500");
        assertThat(caller.ok()).as(caller.output()).isTrue();
        long callId = engine.of(Input.CallOffered.class).get(0).callId();
        assertThat(engine.of(Input.AgentRejected.class)).containsExactly(new Input.AgentRejected(callId, "25722", "not registered"));
        assertThat(media.allocatedCallerLegs).containsExactly(callId); // no operator leg was ever set up
    }

    @Test
    void holdAndUnholdPassThroughAndReferToAServiceCodeRequestsATransfer() {
        start(30, null);
        answerAndRingOperator();
        engine.on((input, exec) -> {
            if (input instanceof Input.TransferRequested t) {
                exec.accept(new Command.HangUp(t.callId(), "transferred"));
            }
        });
        registerPhone("agent_holds_and_refers");
        Sipp.Running caller = Sipp.start(dir, "uac_held", "127.0.0.1:" + sip.port(), "udp", "88001000001", 1);
        Sipp.Result operator = phone.await();
        assertThat(operator.ok()).as(operator.output()).isTrue();
        Sipp.Result held = caller.await();
        assertThat(held.ok()).as(held.output()).isTrue();
        long callId = engine.of(Input.CallOffered.class).get(0).callId();
        // *2 + 1 = SFR's second line, in the caller's region (the caller dialled from +7 861)
        assertThat(engine.of(Input.TransferRequested.class)).containsExactly(
                new Input.TransferRequested(callId, "25722", "ОСФР Краснодарский край, 2 линия"));
    }

    @Test
    void aCallBackRingsTheOperatorThenTheCitizenThroughTheGateway() {
        gateway = Sipp.serve(dir, "agent_answers", "udp", 1);
        start(30, "127.0.0.1:" + gateway.port);
        engine.on((input, exec) -> {
            if (input instanceof Input.AgentAnswered a) {
                agentLegSeen.set(sip.agentLeg(a.callId(), a.agentId()));
                exec.accept(new Command.HangUp(a.callId(), "test over"));
            }
        });
        registerPhone("agent_answers");
        sip.execute(new Command.DialCitizen(777, "25722", "8 (861) 234-56-78"));
        Sipp.Result citizen = gateway.await();
        assertThat(citizen.ok()).as(citizen.output()).isTrue();
        Sipp.Result operator = phone.await();
        assertThat(operator.ok()).as(operator.output()).isTrue();
        assertThat(engine.of(Input.AgentAnswered.class)).containsExactly(new Input.AgentAnswered(777, "25722"));
        assertThat(agentLegSeen.get()).isNotEqualTo(-1);
        assertThat(citizen.output()).contains("INVITE");
        await().atMost(Duration.ofSeconds(5)).until(() -> media.released.size() == 2);
    }

    @Test
    void tollFraudGuardDialsOnlyDestinationsConfigAllows() {
        gateway = Sipp.serve(dir, "agent_answers", "udp", 1);
        start(30, "127.0.0.1:" + gateway.port);
        registerPhone("agent_answers");
        for (String number : new String[] {"+78091234567", "+12125551234", "*21", "sip:attacker@192.0.2.7"}) {
            sip.execute(new Command.DialCitizen(number.hashCode(), "25722", number));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.of(Input.CallerHungUp.class).size() == 4);
        assertThat(engine.of(Input.CallerHungUp.class)).extracting(Input.CallerHungUp::cause)
                .containsOnly("destination not allowed");
        assertThat(media.open).isEmpty(); // neither the operator nor anyone else was called
        assertThat(sip.activeCalls()).isZero();
    }

    @Test
    void theTrunksGatewayGetsOptionsKeepalives() {
        gateway = Sipp.serve(dir, "options_uas", "udp", 2);
        SipConfig config = new SipConfig("127.0.0.1", 0, null, null, null, null, null, null,
                new SipTrunk("127.0.0.1:" + gateway.port, null, 1, null), null, null, null, null, null);
        sip = new SipAdapter(new EkcConfig(null, config, null, null, null), engine, media, new CallIds(1));
        sip.start();
        Sipp.Result r = gateway.await();
        assertThat(r.ok()).as(r.output()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> sip.trunkAnswers() >= 2);
        assertThat(sip.trunkUp()).isTrue();
    }
}
