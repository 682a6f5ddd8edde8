package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ekc.config.SipTransfers;
import org.junit.jupiter.api.Test;

class TransferCodesTest {

    final TransferCodes codes = new TransferCodes(new SipTransfers(null, null, null));

    @Test
    void firstLineR16AndSecondLineR17CodesNameTheTargetSkill() {
        assertThat(codes.target("*12", "Краснодарский край")).hasValue("Роструд-1 линия");
        assertThat(codes.target("*21#", "Краснодарский край")).hasValue("ОСФР Краснодарский край, 2 линия");
        assertThat(codes.target("*23", null)).hasValue("*23"); // region unknown: the engine decides
    }

    @Test
    void numbersAndUnknownCodesAreNeverTransferTargets() {
        assertThat(codes.target("89161234567", "Краснодарский край")).isEmpty();
        assertThat(codes.target("*19", null)).isEmpty();
        assertThat(codes.target("+78091234567", null)).isEmpty();
        assertThat(codes.target(null, null)).isEmpty();
    }

    @Test
    void dtmfDigitsAreCollectedOnlyWhileTheyCanStillSpellACode() {
        assertThat(codes.couldBecomeCode("*")).isTrue();
        assertThat(codes.couldBecomeCode("*2")).isTrue();
        assertThat(codes.couldBecomeCode("5")).isFalse();
    }

    @Test
    void sipInfoBodiesGiveTheirDigit() {
        assertThat(B2bua.dtmfOf("Signal=5\r\nDuration=160\r\n".getBytes())).isEqualTo('5');
        assertThat(B2bua.dtmfOf("Signal=*\r\nDuration=160\r\n".getBytes())).isEqualTo('*');
        assertThat(B2bua.dtmfOf("#".getBytes())).isEqualTo('#');
        assertThat(B2bua.dtmfOf("Duration=160".getBytes())).isEqualTo((char) 0);
    }
}
