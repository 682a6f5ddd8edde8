package ekc.recordings;

import ekc.engine.CardEvent;
import ekc.engine.Channel;
import ekc.engine.Direction;
import ekc.engine.Line;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Folds one card's events, in journal order, into a {@link Card}. Confined to the thread that folds. */
final class CardFold {

    private final long number;
    private String caller;
    private String region;
    private Direction direction;
    private Channel channel;
    private String called;
    private long receivedAt;
    private String status = Card.IN_PROGRESS;
    private String statusReason;
    private final Set<String> topics = new LinkedHashSet<>();
    private long queueMillis;
    private long robotMillis;
    private final List<Card.Activity> activities = new ArrayList<>();
    private final List<Card.Utterance> transcript = new ArrayList<>();
    private final List<Card.Note> notes = new ArrayList<>();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<Card.Entry> timeline = new ArrayList<>();
    private final List<String> alarms = new ArrayList<>();
    private long wrapUpStartedAt;
    private long wrapUpMillis;
    private long endedAt;
    private long closedAt;
    private long totalMillis;
    private String unansweredSkill;
    private long callbackOf;
    private long calledBackIn;

    CardFold(long number) {
        this.number = number;
    }

    void apply(CardEvent e) {
        long t = e.time();
        if (e instanceof CardEvent.CardOpened) {
            CardEvent.CardOpened o = (CardEvent.CardOpened) e;
            caller = o.caller();
            region = o.region();
            direction = o.direction();
            channel = o.channel();
            called = o.called();
            receivedAt = t;
            entry(t, "Регистрация обращения");
        } else if (e instanceof CardEvent.RobotDialogStarted) {
            activities.add(new Card.Activity(prefix() + "Диалог с роботом", Line.ROBOT, null, null, null, null, t, 0));
            entry(t, prefix() + "Диалог с роботом");
        } else if (e instanceof CardEvent.RobotUtterance) {
            CardEvent.RobotUtterance u = (CardEvent.RobotUtterance) e;
            transcript.add(new Card.Utterance(t, true, u.text(), u.confidence()));
        } else if (e instanceof CardEvent.RobotSaid) {
            CardEvent.RobotSaid s = (CardEvent.RobotSaid) e;
            transcript.add(new Card.Utterance(t, false, s.text(), 1f));
        } else if (e instanceof CardEvent.PromptPlayed) {
            entry(t, "Сообщение: " + ((CardEvent.PromptPlayed) e).prompt());
        } else if (e instanceof CardEvent.RobotDialogEnded) {
            CardEvent.RobotDialogEnded r = (CardEvent.RobotDialogEnded) e;
            robotMillis += r.robotMillis();
            topic(r.topic());
            endLast(Line.ROBOT, t);
            entry(t, "Робот: " + r.outcome() + (r.topic() != null ? " | " + r.topic() : ""));
        } else if (e instanceof CardEvent.Queued) {
            CardEvent.Queued q = (CardEvent.Queued) e;
            entry(t, "Ожидание в очереди | " + q.skill());
        } else if (e instanceof CardEvent.AgentRinging) {
            CardEvent.AgentRinging r = (CardEvent.AgentRinging) e;
            entry(t, "Вызов оператора " + r.agentId() + " | " + r.skill());
        } else if (e instanceof CardEvent.AgentMissed) {
            CardEvent.AgentMissed m = (CardEvent.AgentMissed) e;
            entry(t, "Оператор " + m.agentId() + " не ответил: " + m.cause());
        } else if (e instanceof CardEvent.OperatorConnected) {
            CardEvent.OperatorConnected c = (CardEvent.OperatorConnected) e;
            queueMillis += c.queueMillis();
            String type = prefix() + "Диалог с оператором";
            activities.add(new Card.Activity(type, c.line(), c.agentId(), c.agentName(), c.extension(), c.skill(), t, 0));
            entry(t, activityText(activities.get(activities.size() - 1)));
        } else if (e instanceof CardEvent.OperatorReleased) {
            CardEvent.OperatorReleased r = (CardEvent.OperatorReleased) e;
            endAgent(r.agentId(), t);
            entry(t, "Оператор " + r.agentId() + " завершил диалог");
        } else if (e instanceof CardEvent.TransferRequested) {
            CardEvent.TransferRequested x = (CardEvent.TransferRequested) e;
            entry(t, "Перевод: " + x.fromSkill() + " → " + x.toSkill());
        } else if (e instanceof CardEvent.SlaBreached) {
            CardEvent.SlaBreached s = (CardEvent.SlaBreached) e;
            alarms.add(s.rule() + ": " + s.actualMillis() / 1000 + " с при норме " + s.limitMillis() / 1000 + " с");
            entry(t, "Нарушение норматива " + s.rule());
        } else if (e instanceof CardEvent.WrapUpStarted) {
            wrapUpStartedAt = t;
            entry(t, "Начало постобработки");
        } else if (e instanceof CardEvent.WrapUpEnded) {
            wrapUpMillis += ((CardEvent.WrapUpEnded) e).wrapUpMillis();
            entry(t, "Окончание постобработки");
        } else if (e instanceof CardEvent.CallbackBooked) {
            CardEvent.CallbackBooked b = (CardEvent.CallbackBooked) e;
            fields.put(OperatorFields.OUTBOUND_CALL_AT, java.time.Instant.ofEpochMilli(b.at()).toString());
            entry(t, "Назначен исходящий вызов" + (b.note() != null ? ": " + b.note() : ""));
        } else if (e instanceof CardEvent.SupervisorAssigned) {
            entry(t, "Назначен оператор " + ((CardEvent.SupervisorAssigned) e).agentId() + " (отложенное обращение)");
        } else if (e instanceof CardEvent.OperatorNote) {
            CardEvent.OperatorNote n = (CardEvent.OperatorNote) e;
            Map<String, String> f = n.fields() == null ? Map.of() : n.fields();
            notes.add(new Card.Note(t, n.agentId(), f));
            for (Map.Entry<String, String> kv : f.entrySet()) {
                if (kv.getKey().equals(OperatorFields.TOPICS)) {
                    for (String topic : kv.getValue().split(";")) {
                        topic(topic);
                    }
                } else if (kv.getValue() != null) {
                    fields.put(kv.getKey(), kv.getValue());
                }
            }
            String comment = f.get(OperatorFields.COMMENT);
            if (comment != null) {
                entry(t, "Комментарий (" + n.agentId() + "): " + comment);
            }
        } else if (e instanceof CardEvent.Unanswered) {
            CardEvent.Unanswered u = (CardEvent.Unanswered) e;
            unansweredSkill = u.skill();
            entry(t, "Не отвечено: " + u.reason() + (u.skill() != null ? " | " + u.skill() : ""));
        } else if (e instanceof CardEvent.CalledBack) {
            CardEvent.CalledBack b = (CardEvent.CalledBack) e;
            calledBackIn = b.callback();
            entry(t, "Обратный звонок оператора " + b.agentId() + ": обращение " + b.callback());
        } else if (e instanceof CardEvent.CallbackOf) {
            CardEvent.CallbackOf b = (CardEvent.CallbackOf) e;
            callbackOf = b.request();
            entry(t, "Обратный звонок по неотвеченному обращению " + b.request() + " (оператор " + b.agentId() + ")");
        } else if (e instanceof CardEvent.CallEnded) {
            endedAt = t;
            for (int i = 0; i < activities.size(); i++) {
                if (activities.get(i).endedAt() == 0) {
                    activities.set(i, ended(activities.get(i), t));
                }
            }
            entry(t, "Вызов завершён: " + ((CardEvent.CallEnded) e).cause());
        } else if (e instanceof CardEvent.CardClosed) {
            CardEvent.CardClosed c = (CardEvent.CardClosed) e;
            if (closedAt != 0) {
                return; // closed once: a second close (e.g. a replayed restart) changes nothing
            }
            closedAt = t;
            status = c.status();
            statusReason = c.reason();
            totalMillis = c.totalMillis();
            entry(t, "Закрытие обращения");
        } else if (e instanceof CardEvent.Alarm) {
            String text = ((CardEvent.Alarm) e).text();
            alarms.add(text);
            entry(t, "Тревога: " + text);
        } else {
            entry(t, e.getClass().getSimpleName());
        }
    }

    Card toCard() {
        return new Card(number, caller, region != null ? region : Card.UNKNOWN_REGION, direction, channel, called,
                receivedAt, status, statusReason, List.copyOf(topics), queueMillis, robotMillis, List.copyOf(activities),
                List.copyOf(transcript), List.copyOf(notes), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields)),
                List.copyOf(timeline), List.copyOf(alarms), wrapUpStartedAt, wrapUpMillis, endedAt, closedAt, totalMillis,
                unansweredSkill, callbackOf, calledBackIn);
    }

    static String activityText(Card.Activity a) {
        StringBuilder s = new StringBuilder(a.type());
        if (a.skill() != null) {
            s.append(" | ").append(a.skill());
        }
        if (a.extension() != null) {
            s.append(" | ").append(a.extension());
        }
        return s.toString();
    }

    private String prefix() {
        return direction == Direction.OUTBOUND ? "Исходящий вызов. " : "Входящий вызов. ";
    }

    private void topic(String topic) {
        if (topic != null && !topic.isBlank()) {
            topics.add(topic.strip());
        }
    }

    private void entry(long t, String text) {
        timeline.add(new Card.Entry(t, text));
    }

    private void endLast(Line line, long t) {
        for (int i = activities.size() - 1; i >= 0; i--) {
            if (activities.get(i).line() == line && activities.get(i).endedAt() == 0) {
                activities.set(i, ended(activities.get(i), t));
                return;
            }
        }
    }

    private void endAgent(String agentId, long t) {
        for (int i = activities.size() - 1; i >= 0; i--) {
            Card.Activity a = activities.get(i);
            if (agentId != null && agentId.equals(a.agentId()) && a.endedAt() == 0) {
                activities.set(i, ended(a, t));
                return;
            }
        }
    }

    private static Card.Activity ended(Card.Activity a, long t) {
        return new Card.Activity(a.type(), a.line(), a.agentId(), a.agentName(), a.extension(), a.skill(),
                a.startedAt(), t);
    }
}
