package ekc.app;

import ekc.config.EkcConfig;
import ekc.recordings.Card;
import ekc.recordings.CardJson;
import ekc.recordings.CardText;
import ekc.recordings.Cards;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ekc card <number>}: one card, the way the operator's screen shows it. */
@Command(name = "card", mixinStandardHelpOptions = true, description = "Show one card: general information, subscriber, request, timeline.")
final class CardCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "NUMBER", description = "The card (request) number.")
    long number;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() {
        EkcConfig config = options.load();
        try (Cards cards = Cards.open(options.journalDir(config))) {
            Optional<Card> card = cards.get(number);
            if (card.isEmpty()) {
                System.err.println("ekc: no card " + number + " in " + options.journalDir(config));
                return 1;
            }
            System.out.println(json ? CardJson.write(card.get()) : CardText.render(card.get()));
            return 0;
        }
    }
}
