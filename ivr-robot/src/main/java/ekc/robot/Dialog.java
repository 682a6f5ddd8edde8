package ekc.robot;

import ekc.engine.Input;
import ekc.engine.Participant;
import ekc.engine.RobotOutcome;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * One call's conversation with Yana. Runs on the one robot worker thread that serves the call; the
 * voice's completion callbacks are posted back to that thread.
 *
 * <p>Greeting; listen; answer from the knowledge base and ask "anything else?" (R7). A question that
 * needs personal data: ask the region (unless the caller's number gave it), then the second line of
 * that participant and region (R3). Not understood twice: the first line only (R4). Informing not
 * completed (the caller asks for a person, the region or a yes/no is not understood twice, the caller
 * stays silent having got no answer, a DTMF menu choice): the first line by the topic found (R5).
 * Closed questions (region, yes/no) use a grammar recognizer, where {@code [unk]} means not understood.
 */
final class Dialog {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Dialog.class);

    /** What an utterance now answers. */
    enum Expect { QUESTION, REGION, YES_NO, NOTHING }

    private static final int BARGE_IN_CHECK_FRAMES = 5;
    private static final int MIN_SPEECH_FRAMES = 15;
    /** Early intent: a partial result's match must be this sure (the final's threshold is robot.matchThreshold)... */
    static final double EARLY_CONFIDENCE = 0.85;
    /** ...and the same decision on this many partials in a row, one per {@link #BARGE_IN_CHECK_FRAMES} frames (300 ms). */
    static final int EARLY_STABLE_CHECKS = 3;

    private final long callId;
    private final Shared shared;
    private final java.util.concurrent.Executor worker;

    private Expect expect = Expect.NOTHING;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private String[] lastSaid = new String[0];
    private Runnable ending;
    private boolean playing;
    private boolean bargingIn;
    private int playToken;

    private Utterance utterance;
    private Expect utteranceExpect;
    /** What the current utterance's partials decide, and for how many checks in a row. */
    private String earlyCandidate;
    private int earlyStable;
    /** The reply was decided on a partial of the current utterance: its end only goes on the card. */
    private Early early;

    /** A reply decided on a partial result: the decision, the frame time it was taken, its stamps (queued, run, read, matched, played). */
    private record Early(String decision, long frameTime, long[] stamps, String prompt) {}
    private long lastFrameTime = -1;
    private long listenSince = -1;

    private int misses;
    private int closedMisses;
    private int noInputs;
    private int answered;
    private String region;
    private String topic;
    private Participant participant;
    private Scenario scenario;
    private Scenario.Step step;
    private boolean finished;

    /** What all dialogs share: immutable, or thread-safe. */
    record Shared(KnowledgeBase kb, Matcher matcher, SpeechModel model, Voice voice,
                  java.util.function.Consumer<Input> engine, double threshold, long noInputMillis,
                  java.util.Map<String, String> texts, List<String> regionGrammar, List<String> yesNoGrammar,
                  int recognizerLimit, java.util.function.Consumer<ReplyTiming> timings) {

        Shared(KnowledgeBase kb, SpeechModel model, Voice voice, java.util.function.Consumer<Input> engine,
               double threshold, long noInputMillis, int recognizerLimit, java.util.function.Consumer<ReplyTiming> timings) {
            this(kb, new Matcher(kb), model, voice, engine, threshold, noInputMillis, kb.promptTexts(),
                    List.copyOf(kb.regions().keySet()), concat(kb.yes(), kb.no()), recognizerLimit, timings);
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> out = new java.util.ArrayList<>(a);
            out.addAll(b);
            return List.copyOf(out);
        }
    }

    private final Runnable onFinish;
    /** Stamps of the utterance being answered (end queued, end run, recognised), for {@link ReplyTiming}; its reply's (matched, played). */
    private long[] timing;
    private long[] replied;
    private String replyPrompt;

    /** {@code worker} runs tasks on this dialog's thread; {@code onFinish} runs there once Yana is done. */
    Dialog(long callId, String callerRegion, Shared shared, java.util.concurrent.Executor worker, Runnable onFinish) {
        this.callId = callId;
        this.onFinish = onFinish;
        this.region = callerRegion;
        this.shared = shared;
        this.worker = worker;
    }

    void start() {
        say(Expect.QUESTION, "greeting");
    }

    boolean finished() {
        return finished;
    }

    /** A 20 ms frame of caller audio at 16 kHz with the VAD's verdict; {@code queued}: when media handed it over (nanoTime). */
    void onFrame(short[] pcm, int samples, boolean speech, long time, long queued) {
        lastFrameTime = time;
        if (finished) {
            return;
        }
        if (listenSince < 0 && !playing) {
            listenSince = time;
        }
        if (speech) {
            if (expect == Expect.NOTHING && utterance == null) {
                return;
            }
            if (utterance == null) {
                utterance = new Utterance(shared.model(), grammar(expect), shared.recognizerLimit());
                utteranceExpect = expect;
                earlyCandidate = null;
                earlyStable = 0;
                early = null;
            }
            utterance.accept(pcm, samples);
            if (early != null || utterance.frames() % BARGE_IN_CHECK_FRAMES != 0) {
                return; // an early reply plays over the rest of the utterance that asked for it
            }
            if (playing) {
                if (!bargingIn && !utterance.partial().isEmpty()) {
                    bargingIn = true; // the caller talks over the prompt: stop it, keep listening
                    shared.voice().stopPlayback(callId);
                }
            } else if (utteranceExpect == expect) {
                earlyIntent(time, queued);
            }
        } else if (utterance != null) {
            endOfUtterance(queued);
        } else if (!playing && expect != Expect.NOTHING && listenSince >= 0 && time - listenSince >= shared.noInputMillis()) {
            noInput();
        }
    }

    void onDtmf(char digit) {
        if (finished || expect == Expect.NOTHING) {
            return;
        }
        noInputs = 0;
        if (expect == Expect.YES_NO && (digit == '1' || digit == '2')) {
            closedMisses = 0;
            follow(digit == '1' ? step.yes() : step.no());
        } else if (digit == '0') {
            toFirstLine();
        } else if (digit == '*') {
            say(expect, lastSaid);
        } else if (shared.kb().menu().containsKey(digit)) {
            topic = shared.kb().menu().get(digit);
            participant = shared.kb().topics().get(topic).participant();
            toFirstLine(); // a menu choice is a topic without an answer: first line by topic (R5)
        }
    }

    /** The caller is gone (or the call was taken from the robot). */
    void stop() {
        if (utterance != null) {
            if (finished) {
                utterance.release();
            } else {
                // the hang-up cut the caller off mid-utterance: what was heard still goes on the card (R30), before
                // her RobotFinished, which the engine waits for; nothing recognised, nothing said
                Transcript t = utterance.finish();
                early = null;
                if (!t.isEmpty()) {
                    heard(t);
                }
            }
            utterance = null;
        }
        if (finished) {
            return;
        }
        if (playing) {
            shared.voice().stopPlayback(callId);
            playing = false;
        }
        finish(RobotOutcome.CALLER_GONE);
    }

    private void endOfUtterance(long queued) {
        long run = System.nanoTime();
        int frames = utterance.frames();
        Transcript t = utterance.finish();
        Expect answering = utteranceExpect;
        utterance = null;
        if (early != null) {
            endOfEarlyUtterance(t, answering, queued, run);
            return;
        }
        long[] stamps = {queued, run, System.nanoTime()};
        timing = stamps;
        replied = null;
        try {
            reply(t, frames, answering);
        } finally {
            timing = null;
        }
        if (replied != null) {
            shared.timings().accept(new ReplyTiming(callId, replyPrompt, false, 0, true,
                    stamps[0], stamps[1], stamps[2], replied[0], replied[1]));
            replied = null;
        }
    }

    /**
     * Early intent: acts on a partial result when the final can hardly decide otherwise. A question's
     * match must reach {@link #EARLY_CONFIDENCE}, a closed answer must be a phrase that no longer phrase
     * of the grammar decides differently, and either must be the same on {@link #EARLY_STABLE_CHECKS}
     * partials in a row. The utterance goes on being recognised; its final transcript goes on the card.
     */
    private void earlyIntent(long time, long queued) {
        long run = System.nanoTime();
        String partial = utterance.partial();
        long read = System.nanoTime();
        String decision = partial.isBlank() ? null : decision(utteranceExpect, partial, EARLY_CONFIDENCE);
        if (decision == null || !decision.equals(earlyCandidate)) {
            earlyCandidate = decision;
            earlyStable = decision == null ? 0 : 1;
            return;
        }
        if (++earlyStable < EARLY_STABLE_CHECKS) {
            return;
        }
        Expect answering = utteranceExpect;
        timing = new long[] {queued, run, read};
        replied = null;
        silence();
        noInputs = 0;
        switch (answering) {
            case QUESTION -> onQuestion(shared.matcher().best(partial));
            case REGION -> onRegion(decision);
            case YES_NO -> onYesNo(decision);
            default -> { }
        }
        timing = null;
        long[] r = replied;
        replied = null;
        early = new Early(decision, time, r == null ? null : new long[] {queued, run, read, r[0], r[1]}, replyPrompt);
    }

    /** The end of an utterance whose reply was decided early: the final goes on the card, and is checked against the decision. */
    private void endOfEarlyUtterance(Transcript t, Expect answering, long queued, long run) {
        Early e = early;
        early = null;
        heard(t);
        String last = t.notUnderstood() ? null : decision(answering, t.text(), shared.threshold());
        boolean agrees = e.decision().equals(last);
        if (!agrees) {
            LOG.info("call {}: replied early as '{}'; the final transcript '{}' decides '{}'", callId, e.decision(), t.text(), last);
        }
        if (e.stamps() != null) {
            long[] s = e.stamps();
            shared.timings().accept(new ReplyTiming(callId, e.prompt(), true, lastFrameTime - e.frameTime(), agrees,
                    queued, run, s[2], s[3], s[4]));
        }
    }

    /** What a transcript decides (a question id, an official region, yes or no), or null when it is not sure enough. */
    private String decision(Expect e, String text, double confidence) {
        return switch (e) {
            case QUESTION -> {
                Matcher.Match m = shared.matcher().best(text);
                yield m != null && m.confidence() >= confidence ? m.question().id() : null;
            }
            case REGION -> certain(text, shared.regionGrammar(), this::region);
            case YES_NO -> certain(text, shared.yesNoGrammar(), this::yesNo);
            default -> null;
        };
    }

    /** A closed answer is certain when every phrase it could still grow into decides the same. */
    private static String certain(String text, List<String> grammar, java.util.function.UnaryOperator<String> decide) {
        String said = closed(text);
        String d = decide.apply(said);
        if (d == null) {
            return null;
        }
        for (String phrase : grammar) {
            String p = closed(phrase);
            if (p.startsWith(said + " ") && !d.equals(decide.apply(p))) {
                return null;
            }
        }
        return d;
    }

    private void reply(Transcript t, int frames, Expect answering) {
        if (t.isEmpty() && frames < MIN_SPEECH_FRAMES) {
            return; // a click or a cough the VAD took for speech; a longer silence-to-Vosk utterance is "not understood"
        }
        heard(t);
        if (answering != expect) {
            return; // the question changed while the caller spoke
        }
        silence();
        noInputs = 0;
        switch (answering) {
            case QUESTION -> onQuestion(t);
            case REGION -> onRegion(t);
            case YES_NO -> onYesNo(t);
            default -> { }
        }
    }

    private void onQuestion(Transcript t) {
        onQuestion(t.notUnderstood() ? null : shared.matcher().best(t.text()));
    }

    private void onQuestion(Matcher.Match m) {
        if (m == null || m.confidence() < shared.threshold()) {
            misses++;
            if (misses >= 2) {
                toFirstLine(); // not recognised twice: first line only (R4)
            } else {
                say(Expect.QUESTION, "not-understood");
            }
            return;
        }
        misses = 0;
        Question q = m.question();
        switch (q.action()) {
            case OPERATOR -> toFirstLine();
            case DONE -> finishAfter(answered > 0 ? RobotOutcome.ANSWERED : RobotOutcome.CALLER_DONE, "goodbye");
            default -> answer(q);
        }
    }

    private void answer(Question q) {
        topic = q.topic() != null ? q.topic() : topic;
        participant = q.participant() != null ? q.participant() : participant;
        if (q.personal()) {
            toSecondLine();
            return;
        }
        answered++;
        if (q.then() != null) {
            scenario = shared.kb().scenarios().get(q.then());
            step = scenario.steps().get(scenario.first());
            closedMisses = 0;
            say(Expect.YES_NO, q.id(), Scenario.promptOf(scenario.id(), step.id()));
        } else {
            say(Expect.QUESTION, q.id(), "anything-else");
        }
    }

    /** Personal data: the second line of the participant in the caller's region (R3), asking the region first. */
    private void toSecondLine() {
        if (region != null) {
            finishAfter(RobotOutcome.SECOND_LINE, "to-second-line");
        } else {
            closedMisses = 0;
            say(Expect.REGION, "ask-region");
        }
    }

    private void onRegion(Transcript t) {
        onRegion(region(t.text()));
    }

    /** The official region a closed-grammar transcript names, or null. */
    private String region(String text) {
        String said = closed(text);
        return said.isEmpty() ? null : shared.kb().regions().get(KnowledgeBaseLoader.spoken(said));
    }

    private static String closed(String text) {
        return text.replace(Transcript.UNKNOWN, " ").strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private void onRegion(String official) {
        if (official == null) {
            closedMisses++;
            if (closedMisses >= 2) {
                toFirstLine(); // informing not completed: first line by topic (R5)
            } else {
                say(Expect.REGION, "region-not-understood");
            }
            return;
        }
        region = official;
        finishAfter(RobotOutcome.SECOND_LINE, "to-second-line");
    }

    private void onYesNo(Transcript t) {
        onYesNo(yesNo(t.text()));
    }

    /** {@code "yes"}, {@code "no"}, or null: what a closed-grammar transcript answers. */
    private String yesNo(String text) {
        String said = closed(text);
        return shared.kb().yes().contains(said) ? "yes" : shared.kb().no().contains(said) ? "no" : null;
    }

    private void onYesNo(String answer) {
        if ("yes".equals(answer)) {
            closedMisses = 0;
            follow(step.yes());
        } else if ("no".equals(answer)) {
            closedMisses = 0;
            follow(step.no());
        } else {
            closedMisses++;
            if (closedMisses >= 2) {
                toFirstLine();
            } else {
                say(Expect.YES_NO, "yes-no-not-understood", Scenario.promptOf(scenario.id(), step.id()));
            }
        }
    }

    /** Every utterance Yana acted on goes on the card (R30); one she did not understand as {@code [unk]}. */
    private void heard(Transcript t) {
        String text = t.isEmpty() ? Transcript.UNKNOWN : t.text();
        shared.engine().accept(new Input.RobotUtterance(callId, text, t.confidence()));
    }

    /** Where a scenario's answer leads. */
    private void follow(String target) {
        if (scenario.steps().containsKey(target)) {
            step = scenario.steps().get(target);
            say(Expect.YES_NO, Scenario.promptOf(scenario.id(), step.id()));
        } else if (target.equals(Scenario.END)) {
            say(Expect.QUESTION, "anything-else");
        } else if (target.equals(Scenario.FIRST_LINE)) {
            toFirstLine();
        } else if (target.equals(Scenario.SECOND_LINE)) {
            toSecondLine();
        } else {
            answer(shared.kb().question(target));
        }
    }

    private void noInput() {
        noInputs++;
        if (noInputs >= 2) {
            if (answered > 0 && expect == Expect.QUESTION) {
                finishAfter(RobotOutcome.ANSWERED, "goodbye");
            } else {
                toFirstLine(); // informing not completed (R5)
            }
            return;
        }
        switch (expect) {
            case REGION -> say(Expect.REGION, "ask-region");
            case YES_NO -> say(Expect.YES_NO, Scenario.promptOf(scenario.id(), step.id()));
            default -> say(Expect.QUESTION, "no-input");
        }
    }

    private void toFirstLine() {
        finishAfter(RobotOutcome.FIRST_LINE, "to-first-line");
    }

    private void say(Expect next, String... prompts) {
        silence();
        expect = next;
        ending = null;
        lastSaid = prompts;
        queue.clear();
        queue.addAll(List.of(prompts));
        playNext();
    }

    /** Say the last words, then hand the call back to the engine. */
    private void finishAfter(RobotOutcome outcome, String prompt) {
        silence();
        expect = Expect.NOTHING;
        queue.clear();
        queue.add(prompt);
        ending = () -> finish(outcome);
        playNext();
    }

    private void finish(RobotOutcome outcome) {
        if (utterance != null && outcome != RobotOutcome.CALLER_GONE) {
            // the caller still talks (e.g. after an early reply): what was heard goes on the card before Yana hands over
            Transcript t = utterance.finish();
            utterance = null;
            early = null;
            heard(t);
        }
        finished = true;
        expect = Expect.NOTHING;
        String who = participant != null ? participant.name() : null;
        shared.engine().accept(new Input.RobotFinished(callId, outcome, who, region, topic));
        onFinish.run();
    }

    /** Stops what is playing; its late completion is ignored. */
    private void silence() {
        if (playing) {
            playing = false;
            playToken++;
            shared.voice().stopPlayback(callId);
        }
    }

    private void playNext() {
        long matched = System.nanoTime();
        String name = queue.poll();
        String prompt = shared.kb().language() + "/" + name;
        int token = ++playToken;
        playing = true;
        bargingIn = false;
        shared.engine().accept(new Input.RobotSaid(callId, prompt, shared.texts().get(name)));
        if (timing != null) {
            replied = new long[] {matched, System.nanoTime()};
            replyPrompt = prompt;
            timing = null;
        }
        shared.voice().play(callId, prompt, bargedIn -> worker.execute(() -> promptDone(token, bargedIn)));
    }

    private void promptDone(int token, boolean bargedIn) {
        if (token != playToken || finished) {
            return;
        }
        playing = false;
        if (ending != null) {
            Runnable end = ending;
            ending = null;
            end.run();
        } else if (!bargedIn && !queue.isEmpty()) {
            playNext();
        } else {
            queue.clear();
            listenSince = lastFrameTime;
        }
    }

    private List<String> grammar(Expect e) {
        return switch (e) {
            case REGION -> shared.regionGrammar();
            case YES_NO -> shared.yesNoGrammar();
            default -> null;
        };
    }
}
