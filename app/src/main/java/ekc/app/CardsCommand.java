package ekc.app;

import ekc.config.EkcConfig;
import ekc.recordings.Card;
import ekc.recordings.CardFilter;
import ekc.recordings.CardJson;
import ekc.recordings.CardText;
import ekc.recordings.Cards;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ekc cards}: the cards in the journal, newest first. */
@Command(name = "cards", mixinStandardHelpOptions = true, description = "List cards, newest first.")
final class CardsCommand implements Runnable {

    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--caller", description = "Only this caller number.")
    String caller;

    @Option(names = "--status", description = "Only this status (served, answered-by-robot, unanswered …).")
    String status;

    @Override
    public void run() {
        EkcConfig config = options.load();
        try (Cards cards = Cards.open(options.journalDir(config))) {
            CardFilter f = CardFilter.all().withLimit(limit);
            if (caller != null) {
                f = f.withCaller(caller);
            }
            if (status != null) {
                f = f.withStatus(status);
            }
            List<Card> list = cards.list(f);
            System.out.println(json ? CardJson.write(list) : list.isEmpty() ? "no cards in " + options.journalDir(config) : CardText.lines(list));
        }
    }
}
