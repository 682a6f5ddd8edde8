package ekc.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.engine.Command;
import ekc.engine.Input;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AMI side against {@link FakeAmi}, a protocol-level Asterisk (Asterisk itself is not installable here). */
class AsteriskAmiTest {

    @TempDir
    Path dir;
    FakeAmi asterisk;
    Fixture ekc;

    @BeforeEach
    void setUp() throws Exception {
        asterisk = new FakeAmi("javaclient", Fixture.SECRET);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (ekc != null) {
            ekc.close();
        }
        asterisk.close();
        assertThat(asterisk.unmodelled).as("actions the fake Asterisk does not model").isEmpty();
    }

    private void connect() throws Exception {
        ekc = new Fixture(dir, asterisk.port());
        ekc.adapter.start();
        await().atMost(Duration.ofSeconds(10)).until(ekc.adapter::amiConnected);
    }

    @Test
    void logsInWithAChallengeNeverSendingTheSecretThenFiltersEventsAndReadsTheQueues() throws Exception {
        connect();

        List<Map<String, String>> logins = asterisk.actions("Login");
        assertThat(logins).hasSize(1);
        assertThat(logins.get(0)).containsEntry("AuthType", "MD5").containsKey("Key").doesNotContainKey("Secret")
                .containsEntry("Events", "call,agent");
        assertThat(asterisk.actions.toString()).doesNotContain(Fixture.SECRET);
        assertThat(asterisk.actions("Filter")).singleElement()
                .satisfies(f -> assertThat(f.get("Filter")).isEqualTo(AmiLink.EVENT_FILTER));
        await().until(() -> asterisk.actions("QueueStatus").size() == 1);

        // QueueStatus: Alice (PJSIP/2001) is free and not paused; Dave (state PJSIP/2002) is paused for lunch
        await().until(() -> ekc.inputs.size() >= 4);
        assertThat(ekc.inputs).contains(
                new Input.AgentRegistered(Fixture.ALICE, "PJSIP/2001", Long.MAX_VALUE),
                new Input.AgentAvailability(Fixture.ALICE, true, ""),
                new Input.AgentRegistered(Fixture.DAVE, "PJSIP/2002", Long.MAX_VALUE),
                new Input.AgentAvailability(Fixture.DAVE, false, "lunch"));
    }

    @Test
    void aRefusedLoginIsRetriedWithBackoffAndSucceedsOnceTheSecretIsFixed() throws Exception {
        Files.writeString(dir.resolve("ami-secret"), "wrong\n");
        ekc = new Fixture(dir, asterisk.port());
        ekc.adapter.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> ekc.adapter.amiFailures() >= 2);
        assertThat(asterisk.refusedLogins.get()).isGreaterThanOrEqualTo(2);
        assertThat(ekc.adapter.amiConnected()).isFalse();
        assertThat(asterisk.actions.toString()).doesNotContain("wrong");

        Files.writeString(dir.resolve("ami-secret"), Fixture.SECRET + "\n");
        await().atMost(Duration.ofSeconds(15)).until(ekc.adapter::amiConnected);
        assertThat(asterisk.logins.get()).isEqualTo(1);
    }

    @Test
    void reconnectsAfterTheConnectionDropsAndFiltersAgain() throws Exception {
        connect();
        asterisk.dropAll();

        await().atMost(Duration.ofSeconds(10)).until(() -> asterisk.logins.get() == 2 && ekc.adapter.amiConnected());
        assertThat(asterisk.actions("Filter")).hasSize(2);
        assertThat(ekc.adapter.amiLogins()).isEqualTo(2);

        asterisk.emit(TestData.amiEvent("DeviceStateChange").replace("INUSE", "UNAVAILABLE"));
        await().until(() -> ekc.inputs.contains(new Input.AgentUnregistered(Fixture.ALICE, "Asterisk: device UNAVAILABLE")));
    }

    @Test
    void aBurstOf10000EventsReachesTheEngineInOrderAndFilteredEventsNeverLeaveAsterisk() throws Exception {
        connect();
        await().until(() -> ekc.inputs.size() >= 4); // the QueueStatus snapshot
        ekc.inputs.clear();
        long before = ekc.adapter.amiEventsReceived();

        String down = device("PJSIP/2001", "UNAVAILABLE");
        String up = device("PJSIP/2001", "NOT_INUSE");
        String noise = TestData.amiEvent("Newchannel"); // two events that the filter keeps at Asterisk
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            burst.append(down).append(noise).append(up).append(noise);
        }
        asterisk.emit(burst.toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> ekc.inputs.size() == 10_000);
        for (int i = 0; i < 10_000; i++) {
            assertThat(ekc.inputs.get(i)).isInstanceOf(i % 2 == 0 ? Input.AgentUnregistered.class : Input.AgentRegistered.class);
        }
        assertThat(ekc.adapter.amiEventsReceived() - before).isEqualTo(10_000);
    }

    @Test
    void malformedLinesAreSkippedAndTheEventsAfterThemStillArrive() throws Exception {
        connect();
        asterisk.raw("this line has no colon at all\r\n\r\n");
        asterisk.raw("Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice PJSIP/2001\r\nState: UNAVAILABLE\r\n\r\n");
        asterisk.raw("\u0000\u0001\u00ff\u00fe garbage \r\n\r\n");
        asterisk.raw("Event: NoSuchEventInAnyAsterisk\r\nPrivilege: call,all\r\nFoo: bar\r\n\r\n");
        asterisk.raw("Event: QueueMemberStatus\r\nPrivilege: agent,all\r\nStateInterface: PJSIP/2001\r\nStatus: many\r\n\r\n");
        asterisk.emit(device("PJSIP/2001", "UNAVAILABLE"));

        await().until(() -> ekc.inputs.contains(new Input.AgentUnregistered(Fixture.ALICE, "Asterisk: device UNAVAILABLE")));
        assertThat(asterisk.logins.get()).isEqualTo(1);
        assertThat(ekc.adapter.amiConnected()).isTrue();
    }

    @Test
    void ringAgentOriginatesToTheOperatorsPhoneAndTheAnswerAndHangUpComeBack() throws Exception {
        connect();
        ekc.adapter.execute(new Command.RingAgent(42, Fixture.ALICE, "PJSIP/2001"));

        await().until(() -> ekc.inputs.contains(new Input.AgentAnswered(42, Fixture.ALICE)));
        Map<String, String> o = asterisk.actions("Originate").get(0);
        assertThat(o).containsEntry("Channel", "PJSIP/2001").containsEntry("Context", "ekc-agent")
                .containsEntry("Exten", "s").containsEntry("Priority", "1").containsEntry("Async", "true")
                .containsEntry("Timeout", "30000").containsKey("ChannelId");
        assertThat(o.get("Variable")).contains("EKC_CALL_ID=42").contains("EKC_AGENT=" + Fixture.ALICE);
        assertThat(ekc.adapter.owns(new Command.Bridge(42, Fixture.ALICE))).isTrue();
        // the citizen of call 42 is on EKC's SIP side: hanging up is SIP's job, not Asterisk's
        assertThat(ekc.adapter.owns(new Command.HangUp(42, "done"))).isFalse();

        // the operator hangs up: Asterisk's Hangup event names the channel by the uniqueid EKC chose
        asterisk.emit(TestData.amiEvent("Hangup").replace("1754400000.12\r\nLinkedid", o.get("ChannelId") + "\r\nLinkedid"));
        await().until(() -> ekc.inputs.contains(new Input.AgentHungUp(42, Fixture.ALICE)));
    }

    @Test
    void aBusyOperatorComesBackAsAgentRejected() throws Exception {
        asterisk.originate = "05-originate-async-failure";
        asterisk.failureReason = 5;
        connect();
        ekc.adapter.execute(new Command.RingAgent(43, Fixture.ALICE, "PJSIP/2001"));

        await().until(() -> ekc.inputs.contains(new Input.AgentRejected(43, Fixture.ALICE, "Asterisk: busy")));
        assertThat(ekc.inputs(Input.AgentAnswered.class)).isEmpty();
    }

    @Test
    void anOriginateAsteriskRefusesComesBackWithItsMessage() throws Exception {
        asterisk.dialplan.remove("ekc-outbound/*"); // the outbound context was never written
        connect();
        ekc.adapter.execute(new Command.DialCitizen(44, Fixture.ALICE, "+7 (912) 345-67-89"));

        await().until(() -> !ekc.inputs(Input.AgentRejected.class).isEmpty());
        assertThat(ekc.inputs(Input.AgentRejected.class).get(0))
                .isEqualTo(new Input.AgentRejected(44, Fixture.ALICE, "Asterisk: Extension does not exist."));
        assertThat(asterisk.actions("Originate").get(0)).containsEntry("Context", "ekc-outbound")
                .containsEntry("Exten", "+79123456789");
    }

    @Test
    void aRingWhileAmiIsDownIsRejectedNotLost() throws Exception {
        asterisk.close();
        ekc = new Fixture(dir, asterisk.port());
        ekc.adapter.start();
        ekc.adapter.execute(new Command.RingAgent(45, Fixture.ALICE, "PJSIP/2001"));

        await().until(() -> ekc.inputs.contains(new Input.AgentRejected(45, Fixture.ALICE, "Asterisk: AMI not connected")));
    }

    @Test
    void releaseAgentHangsUpTheOperatorsOriginatedLeg() throws Exception {
        connect();
        ekc.adapter.execute(new Command.RingAgent(47, Fixture.ALICE, "PJSIP/2001"));
        await().until(() -> ekc.inputs.contains(new Input.AgentAnswered(47, Fixture.ALICE)));
        ekc.adapter.execute(new Command.ReleaseAgent(47, Fixture.ALICE));

        await().until(() -> asterisk.actions("Hangup").size() == 1);
        assertThat(asterisk.actions("Hangup").get(0).get("Channel")).startsWith("PJSIP/2001-");
    }

    @Test
    void cancelAgentHangsUpTheRingingLegByTheUniqueidEkcGaveIt() throws Exception {
        asterisk.originate = "ringing";
        connect();
        ekc.adapter.execute(new Command.RingAgent(48, Fixture.ALICE, "PJSIP/2001"));
        await().until(() -> asterisk.actions("Originate").size() == 1);
        ekc.adapter.execute(new Command.CancelAgent(48, Fixture.ALICE));

        await().until(() -> asterisk.actions("Hangup").size() == 1);
        assertThat(asterisk.actions("Hangup").get(0).get("Channel")).isEqualTo(asterisk.actions("Originate").get(0).get("ChannelId"));
        assertThat(asterisk.channels).doesNotContain(asterisk.actions("Originate").get(0).get("ChannelId"));
    }

    @Test
    void presenceReachesTheEngineOnlyWhenItChanges() throws Exception {
        connect();
        await().until(() -> ekc.inputs.size() >= 4);
        ekc.inputs.clear();
        asterisk.emit(TestData.amiEvent("DeviceStateChange")); // PJSIP/2001 INUSE: still reachable
        asterisk.emit(TestData.amiEvent("ExtensionStatus")); // 2001 InUse: still reachable
        asterisk.emit(TestData.amiEvent("QueueMemberStatus")); // Alice, status 2, not paused
        asterisk.emit(TestData.amiEvent("ExtensionStatus").replace("Status: 1", "Status: 4").replace("InUse", "Unavailable"));

        await().until(() -> ekc.inputs.size() == 1);
        assertThat(ekc.inputs).containsExactly(new Input.AgentUnregistered(Fixture.ALICE, "Asterisk: extension Unavailable"));
    }

    private static String device(String device, String state) {
        return "Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: " + device + "\r\nState: " + state + "\r\n\r\n";
    }
}
