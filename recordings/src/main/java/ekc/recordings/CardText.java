package ekc.recordings;

import ekc.engine.Channel;
import ekc.engine.Direction;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Plain-text renderings of cards for {@code ekc card} (the deck's card screen, R30–R32) and
 * {@code ekc cards} (one line per card). Any thread.
 */
public final class CardText {

    /** The hotline's time: the deck shows Moscow time. */
    public static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm dd.MM.yyyy");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");

    private CardText() {
    }

    public static String render(Card c) {
        return render(c, MOSCOW);
    }

    /** The card the way the deck's screen shows it, as plain text. */
    public static String render(Card c, ZoneId zone) {
        StringBuilder s = new StringBuilder();
        s.append("Обращение № ").append(c.number()).append('\n');

        s.append("\nОбщая информация\n");
        field(s, "Телефон", c.caller());
        field(s, "Регион", c.region());
        field(s, "Направление", direction(c.direction()));
        field(s, "Канал", c.channel() == Channel.TEXT ? "Текстовый" : "Голосовой");
        field(s, "Ожидание в очереди", duration(c.queueMillis()));
        field(s, "Диалог с роботом", duration(c.robotMillis()));
        field(s, "Поступление в систему", at(c.receivedAt(), MINUTE, zone));

        Map<String, String> f = c.fields();
        s.append("\nКарточка абонента\n");
        field(s, "Имя", f.get(OperatorFields.NAME));
        field(s, "Отчество", f.get(OperatorFields.PATRONYMIC));
        field(s, "Контактный телефон", f.getOrDefault(OperatorFields.CONTACT_PHONE, c.caller()));
        field(s, "СНИЛС", f.get(OperatorFields.SNILS));
        field(s, "Email", f.get(OperatorFields.EMAIL));

        s.append("\nИнформация по обращению\n");
        field(s, "Номер обращения", Long.toString(c.number()));
        field(s, "Статус обращения", status(c) + (c.statusReason() != null ? " (" + c.statusReason() + ")" : ""));
        field(s, "Тема", String.join("; ", c.topics()));
        Card.Activity op = lastOperator(c);
        field(s, "Имя оператора КЦ", op == null ? null : op.agentName());
        field(s, "ID оператора", op == null ? null : op.agentId());
        field(s, "Екп", op == null ? null : op.extension());
        field(s, "Вопросы гражданина", f.get(OperatorFields.QUESTIONS));
        field(s, "Источник ответа", f.get(OperatorFields.SOURCE));
        field(s, "Ответ", f.get(OperatorFields.ANSWER));
        field(s, "Дата исходящего вызова", f.get(OperatorFields.OUTBOUND_CALL_AT));
        field(s, "Оценка", f.get(OperatorFields.RATING));

        s.append("\nТаймлайн\n");
        field(s, "Регистрация обращения", at(c.receivedAt(), MINUTE, zone));
        field(s, "Начало постобработки", at(c.wrapUpStartedAt(), MINUTE, zone));
        field(s, "Постобработка", c.wrapUpStartedAt() == 0 ? null : duration(c.wrapUpMillis()));
        field(s, "Закрытие обращения", at(c.closedAt(), MINUTE, zone));
        field(s, "Общая длительность", c.closed() ? duration(c.totalMillis()) : null);

        s.append("\nИнформация по видам деятельности\n");
        for (Card.Activity a : c.activities()) {
            s.append("  ").append(at(a.startedAt(), SECOND, zone)).append("  ").append(CardFold.activityText(a));
            if (a.agentName() != null) {
                s.append(" | ").append(a.agentName());
            }
            s.append('\n');
        }

        if (!c.transcript().isEmpty()) {
            s.append("\nДиалог с роботом\n");
            for (Card.Utterance u : c.transcript()) {
                s.append("  ").append(at(u.time(), SECOND, zone)).append(u.fromCaller() ? "  Гражданин: " : "  Яна: ")
                        .append(u.text()).append('\n');
            }
        }

        s.append("\nКомментарии к обращению\n");
        for (Card.Note n : c.notes()) {
            String comment = n.fields().get(OperatorFields.COMMENT);
            if (comment != null) {
                s.append("  ").append(at(n.time(), SECOND, zone)).append("  ").append(n.agentId()).append(": ")
                        .append(comment).append('\n');
            }
        }

        if (!c.alarms().isEmpty()) {
            s.append("\nТревоги\n");
            for (String a : c.alarms()) {
                s.append("  ").append(a).append('\n');
            }
        }

        s.append("\nСобытия\n");
        for (Card.Entry e : c.timeline()) {
            s.append("  ").append(at(e.time(), SECOND, zone)).append("  ").append(e.text()).append('\n');
        }
        return s.toString();
    }

    public static String line(Card c) {
        return line(c, MOSCOW);
    }

    /** One line for {@code ekc cards}: number, received, caller, region, direction, status, topics. */
    public static String line(Card c, ZoneId zone) {
        return String.format("%-12d %s  %-14s %-28s %-9s %-18s %s", c.number(), at(c.receivedAt(), SECOND, zone),
                orDash(c.caller()), c.region(), direction(c.direction()), c.status(), String.join("; ", c.topics()))
                .stripTrailing();
    }

    /** The list for {@code ekc cards}: a header, then one line per card. */
    public static String lines(List<Card> cards) {
        StringBuilder s = new StringBuilder(String.format("%-12s %-19s  %-14s %-28s %-9s %-18s %s%n", "Номер",
                "Поступление", "Телефон", "Регион", "Направл.", "Статус", "Тема"));
        for (Card c : cards) {
            s.append(line(c)).append('\n');
        }
        return s.toString();
    }

    static String status(Card c) {
        switch (c.status()) {
            case Card.IN_PROGRESS: return "В работе";
            case "served": return "Завершено";
            case "answered-by-robot": return "Завершено роботом";
            case "unanswered": return "Не отвечено";
            case Card.INTERRUPTED: return "Прервано";
            default: return c.status();
        }
    }

    private static Card.Activity lastOperator(Card c) {
        Card.Activity last = null;
        for (Card.Activity a : c.activities()) {
            if (a.agentId() != null) {
                last = a;
            }
        }
        return last;
    }

    private static String direction(Direction d) {
        return d == null ? "—" : d == Direction.OUTBOUND ? "Исходящее" : "Входящее";
    }

    private static void field(StringBuilder s, String name, String value) {
        s.append(String.format("  %-24s%s%n", name + ":", orDash(value)));
    }

    private static String orDash(String v) {
        return v == null || v.isEmpty() ? "—" : v;
    }

    static String at(long millis, DateTimeFormatter f, ZoneId zone) {
        return millis == 0 ? "—" : f.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    /** hh:mm:ss, as the deck shows durations. */
    static String duration(long millis) {
        long sec = millis / 1000;
        return String.format("%02d:%02d:%02d", sec / 3600, sec / 60 % 60, sec % 60);
    }
}
