package ekc.recordings;

import ekc.engine.CardEvent;
import ekc.engine.CardEvent.*;
import ekc.engine.Channel;
import ekc.engine.Direction;
import ekc.engine.Line;
import ekc.engine.RobotOutcome;

import java.util.List;
import java.util.Map;

/** The events of typical calls, as the engine emits them. */
final class Calls {

    /** 22.11.2023 13:06:00 Moscow. */
    static final long T0 = 1_700_647_560_000L;

    private Calls() {
    }

    /** The deck's card 37048911: robot, first line СФР, then second line ОСФР Краснодарский край. */
    static List<CardEvent> deckCall(long n, long t) {
        return List.of(
                new CardOpened(n, t, "+78612000000", "Краснодарский край", Direction.INBOUND, Channel.VOICE, "+78001000001"),
                new RobotDialogStarted(n, t + 36_000),
                new RobotSaid(n, t + 36_500, "greeting", "Здравствуйте, я Яна."),
                new RobotUtterance(n, t + 40_000, "хочу узнать про пенсию", 0.91f),
                new RobotDialogEnded(n, t + 70_000, RobotOutcome.FIRST_LINE, "Пенсия", 34_000),
                new Queued(n, t + 70_000, "СФР-1 линия", 0),
                new AgentRinging(n, t + 85_000, "op-17", "СФР-1 линия"),
                new OperatorConnected(n, t + 130_000, "op-17", "Пилипон Юлия", "25722", "СФР-1 линия", Line.FIRST, 60_000),
                new OperatorNote(n, t + 150_000, "op-17", Map.of(OperatorFields.QUESTIONS, "Размер пенсии",
                        OperatorFields.TOPICS, "Пенсия;Выплаты", OperatorFields.COMMENT, "Нужна вторая линия",
                        OperatorFields.SNILS, "029-478-248 91", OperatorFields.NAME, "Ольга")),
                new TransferRequested(n, t + 160_000, "op-17", "СФР-1 линия", "ОСФР Краснодарский край, 2 линия"),
                new OperatorReleased(n, t + 167_000, "op-17", 37_000),
                new OperatorConnected(n, t + 187_000, "op-2", "Иванова Анна", null, "ОСФР Краснодарский край, 2 линия",
                        Line.SECOND, 20_000),
                new OperatorNote(n, t + 200_000, "op-2", Map.of(OperatorFields.ANSWER, "Размер назначен верно",
                        OperatorFields.SOURCE, "База знаний СФР")),
                new CallEnded(n, t + 220_000, "caller hung up"),
                new WrapUpStarted(n, t + 220_000, "op-2"),
                new WrapUpEnded(n, t + 229_000, "op-2", 9_000),
                new CardClosed(n, t + 229_000, "served", null, 154_000));
    }

    /** Answered by Yana alone; a caller whose region is not known. */
    static List<CardEvent> robotCall(long n, long t, String caller) {
        return List.of(
                new CardOpened(n, t, caller, null, Direction.INBOUND, Channel.VOICE, "+78001000001"),
                new RobotDialogStarted(n, t + 1_000),
                new RobotDialogEnded(n, t + 30_000, RobotOutcome.ANSWERED, "Маткапитал", 29_000),
                new CallEnded(n, t + 31_000, "robot said goodbye"),
                new CardClosed(n, t + 31_000, "answered-by-robot", null, 31_000));
    }
}
