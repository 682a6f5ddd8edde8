package ekc.app;

import ekc.recordings.Card;
import ekc.recordings.CardFilter;
import ekc.recordings.CardText;
import ekc.recordings.Cards;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Prints cards from a journal directory, for the demo. */
final class CardPrinter {

    private final Path journal;

    CardPrinter(Path journal) {
        this.journal = journal;
    }

    /** Waits (up to 10 s) until the newest {@code n} cards are closed: the last facts are flushed after the BYE. */
    void awaitClosed(int n) {
        long deadline = System.currentTimeMillis() + 10_000;
        try (Cards cards = Cards.open(journal)) {
            while (System.currentTimeMillis() < deadline) {
                cards.refresh();
                List<Card> newest = cards.list(CardFilter.all().withLimit(n));
                if (newest.size() >= n && newest.stream().allMatch(Card::closed)) {
                    return;
                }
                LockSupport.parkNanos(50_000_000L); // the journal is a file: poll it
            }
        }
    }

    void printNewest(int n, PrintStream out) {
        try (Cards cards = Cards.open(journal)) {
            List<Card> newest = cards.list(CardFilter.all().withLimit(n));
            out.println(CardText.lines(newest));
            for (Card c : newest) {
                out.println(CardText.render(c));
            }
        }
    }
}
