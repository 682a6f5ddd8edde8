package ekc.robot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Finds the knowledge-base question a transcript asks. Words are reduced to stems with Lucene's
 * {@link RussianAnalyzer} (Snowball) or {@link EnglishAnalyzer} (Porter), synonyms are folded to the
 * first of their group, and each way of asking a question is compared with the transcript by
 * IDF-weighted stem overlap (an F-measure of how much of the question was said and how much of
 * what was said belongs to the question). Words the knowledge base never uses (fillers, noise,
 * recogniser errors) do not count against a match. Immutable after construction; any thread.
 */
final class Matcher {

    /** A question and how sure the match is, 0..1. */
    record Match(Question question, double confidence) {}

    private final Analyzer analyzer;
    private final List<Pattern> synonymPatterns = new ArrayList<>();
    private final List<String> synonymTargets = new ArrayList<>();
    private final List<Question> owners = new ArrayList<>();
    private final List<Set<String>> phrasings = new ArrayList<>();
    private final Map<String, Double> idf = new HashMap<>();

    Matcher(KnowledgeBase kb) {
        // "no", "not", "нет", "да" are answers here, not stop words
        this.analyzer = kb.language().equals("ru")
                ? new RussianAnalyzer(without(RussianAnalyzer.getDefaultStopSet(), "нет", "не", "да"))
                : new EnglishAnalyzer(without(EnglishAnalyzer.getDefaultStopSet(), "no", "not"));
        for (List<String> group : kb.synonyms()) {
            String target = normalise(group.get(0));
            for (String other : group.subList(1, group.size())) {
                // longest first does not matter much here; whole words only
                synonymPatterns.add(Pattern.compile("(?U)(?<!\\w)" + Pattern.quote(normalise(other)) + "(?!\\w)"));
                synonymTargets.add(target);
            }
        }
        Map<String, Set<Question>> df = new HashMap<>();
        for (Question q : kb.questions()) {
            for (String asked : q.asked()) {
                Set<String> stems = stems(asked);
                if (stems.isEmpty()) {
                    continue;
                }
                owners.add(q);
                phrasings.add(stems);
                for (String s : stems) {
                    df.computeIfAbsent(s, k -> new HashSet<>()).add(q);
                }
            }
        }
        int n = kb.questions().size();
        df.forEach((stem, qs) -> idf.put(stem, Math.log(1.0 + (double) n / qs.size())));
    }

    /** The best question for {@code transcript}, or null when nothing in it is known at all. */
    Match best(String transcript) {
        Set<String> said = stems(transcript);
        said.retainAll(idf.keySet());
        if (said.isEmpty()) {
            return null;
        }
        double saidWeight = weight(said);
        Question best = null;
        double bestScore = 0;
        for (int i = 0; i < phrasings.size(); i++) {
            Set<String> p = phrasings.get(i);
            double common = 0;
            for (String s : p) {
                if (said.contains(s)) {
                    common += idf.get(s);
                }
            }
            if (common == 0) {
                continue;
            }
            double recall = common / weight(p);
            double precision = common / saidWeight;
            double f = 2 * recall * precision / (recall + precision);
            if (f > bestScore) {
                bestScore = f;
                best = owners.get(i);
            }
        }
        return best == null ? null : new Match(best, bestScore);
    }

    /** The stems of {@code text} after synonyms are folded. */
    Set<String> stems(String text) {
        String t = normalise(text);
        for (int i = 0; i < synonymPatterns.size(); i++) {
            t = synonymPatterns.get(i).matcher(t).replaceAll(java.util.regex.Matcher.quoteReplacement(synonymTargets.get(i)));
        }
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream("q", t)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return out;
    }

    private static CharArraySet without(CharArraySet stop, String... keep) {
        CharArraySet out = new CharArraySet(stop.size(), false);
        Set<String> kept = Set.of(keep);
        for (Object o : stop) {
            String w = o instanceof char[] c ? new String(c) : o.toString();
            if (!kept.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    private double weight(Set<String> stems) {
        double w = 0;
        for (String s : stems) {
            w += idf.getOrDefault(s, 0.0);
        }
        return w;
    }

    private static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }
}
