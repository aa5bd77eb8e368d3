package dev.switchboard.llm.offline;

import dev.switchboard.audio.DtmfDetector;
import dev.switchboard.audio.MuLaw;
import dev.switchboard.audio.PacingBuffer;
import dev.switchboard.audio.VoiceActivityDetector;
import dev.switchboard.domain.modelcall.VoiceModelListener;
import dev.switchboard.domain.modelcall.VoiceSession;
import dev.switchboard.domain.modelcall.VoiceSessionRequest;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolDefinition;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One call with the offline speech model. Everything — the caller's audio, keys, tool results,
 * the pacing clock — goes through one queue drained on the shared pool one task at a time, so the
 * detectors and the conversation need no locks and the listener hears one thing at a time, in
 * order. The caller's μ-law is decoded and fed to a {@link VoiceActivityDetector} (a turn starts:
 * the agent stops, as a real model's server VAD does; a turn ends: the agent answers) and a
 * {@link DtmfDetector} (keypad tones in the audio). The agent's words are rendered by
 * {@link SyntheticVoice} and released through a {@link PacingBuffer} in 20 ms frames, a little
 * ahead of real time, as a real model streams them.
 */
final class OfflineVoiceSession implements VoiceSession {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OfflineVoiceSession.class);
    /** Frames released ahead of real time: a real model streams faster than it speaks. */
    static final int LEAD_FRAMES = 10;
    private static final int FRAME = 160;
    private static final int MAX_DAYS_AHEAD = 14;
    private static final Pattern TIME = Pattern.compile("(?<![\\d:])(\\d{1,2}):(\\d{2})(?![\\d:])");
    private static final Pattern NEXT_OPEN = Pattern.compile("Next open day: (\\d{4}-\\d{2}-\\d{2})");

    private enum Stage { LISTENING, BOOKING, ENDING }

    private final VoiceSessionRequest request;
    private final VoiceModelListener listener;
    private final ScheduledExecutorService pool;
    private final LongSupplier nanoTime;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;

    // Confined to the queue's one-at-a-time drain.
    private final VoiceActivityDetector vad = VoiceActivityDetector.create(SyntheticVoice.RATE);
    private final DtmfDetector keys = DtmfDetector.create(SyntheticVoice.RATE);
    private final PacingBuffer pacing = PacingBuffer.create(FRAME, 20_000_000L, LEAD_FRAMES);
    private final short[] heard = new short[4 * FRAME];
    private final short[] frame = new short[FRAME];
    private final SpokenLines lines;
    private final Set<String> tools;
    private final LocalDate today;
    private final ArrayDeque<SyntheticVoice.Rendered> toSay = new ArrayDeque<>();
    private final Map<String, ToolCall> asked = new HashMap<>();
    private Stage stage = Stage.LISTENING;
    private ScheduledFuture<?> ticker;
    private SyntheticVoice.Rendered speaking;
    private String speakingItem;
    private long released;
    private int items;
    private int turns;
    private int calls;
    private long heardSamples;
    private String turn;
    private long turnStart;
    private boolean turnWasKey;
    private LocalDate checking;
    private int checks;
    /** What to say once the end_call it asked for is answered. */
    private String pendingWords;

    OfflineVoiceSession(VoiceSessionRequest request, VoiceModelListener listener, ScheduledExecutorService pool, LongSupplier nanoTime) {
        this.request = request;
        this.listener = listener;
        this.pool = pool;
        this.nanoTime = nanoTime;
        this.lines = SpokenLines.forLanguage(request.language());
        this.tools = request.tools().stream().map(ToolDefinition::name).collect(Collectors.toUnmodifiableSet());
        this.today = PromptFacts.read(request.instructions()).now().toLocalDate();
    }

    /** Says it is ready and greets the caller (the assistant's first message, else a plain hello). */
    void start() {
        submit(() -> {
            var details = new LinkedHashMap<String, Object>();
            details.put("model", "offline-speech");
            details.put("instead", request.provider() + " " + request.model());
            details.put("hears", "voice activity and keypad tones");
            listener.ready(details);
            say(request.firstMessage() == null || request.firstMessage().isBlank() ? lines.greeting() : request.firstMessage());
        });
    }

    // ---- VoiceSession ----

    @Override
    public void callerAudio(byte[] mulaw) {
        var copy = mulaw.clone();
        submit(() -> hear(copy));
    }

    @Override
    public void agentCutAt(String itemId, long heardMillis) {
        submit(() -> {
            if (itemId.equals(speakingItem)) stopSpeaking();
        });
    }

    @Override
    public void toolResult(String callId, String output) {
        submit(() -> answered(asked.remove(callId), output == null ? "" : output));
    }

    @Override
    public void keyPressed(char digit) {
        submit(() -> {
            // Twilio's dtmf message: a turn of its own, since no voice activity will end it.
            if (turn == null) turnStarted(vadNow());
            key(digit);
            turn = null;
        });
    }

    @Override
    public void close() {
        closed = true;
        var t = ticker;
        if (t != null) t.cancel(false);
        inbox.clear();
    }

    // ---- hearing ----

    private void hear(byte[] mulaw) {
        for (int off = 0; off < mulaw.length; off += heard.length) {
            int n = Math.min(heard.length, mulaw.length - off);
            heardSamples += n;
            MuLaw.decode(mulaw, off, heard, 0, n);
            vad.process(heard, 0, n, new VoiceActivityDetector.Listener() {
                @Override
                public void speechStarted(long sample) {
                    turnStarted(sample);
                }

                @Override
                public void speechEnded(long sample) {
                    turnEnded(sample);
                }
            });
            keys.process(heard, 0, n, (digit, startSample) -> {
                if (turn == null) turnStarted(startSample);
                key(digit);
            });
        }
    }

    private void turnStarted(long sample) {
        turn = "caller_" + (++turns);
        turnStart = sample;
        turnWasKey = false;
        listener.callerStartedSpeaking(turn);
        // Like a real model's server VAD with interrupt_response: the answer stops when the caller speaks.
        if (speaking != null) stopSpeaking();
    }

    private void turnEnded(long sample) {
        var ended = turn;
        turn = null;
        if (ended == null || turnWasKey) return;
        listener.callerSaid(ended, lines.spoke((sample - turnStart) * 1000 / SyntheticVoice.RATE));
        // It hears that someone spoke, not what: it says what it can do.
        if (stage == Stage.LISTENING) say(tools.containsAll(Set.of("check_availability", "book_appointment")) ? lines.pressOne() : lines.cannotBook());
    }

    private long vadNow() {
        return heardSamples;
    }

    private void key(char digit) {
        if (!turnWasKey) listener.callerSaid(turn, lines.pressed(digit));
        turnWasKey = true;
        if (stage != Stage.LISTENING) return; // one key at a time: Twilio's dtmf and the tone in the audio are the same press
        switch (digit) {
            case '1' -> {
                if (!tools.containsAll(Set.of("check_availability", "book_appointment"))) {
                    say(lines.cannotBook());
                    return;
                }
                stage = Stage.BOOKING;
                checking = today;
                checks = 0;
                ask("check_availability", Map.of("date", checking.toString()));
            }
            case '0' -> {
                if (!tools.contains("transfer_to_human")) return;
                stage = Stage.ENDING;
                ask("transfer_to_human", Map.of("reason", "caller pressed 0"));
            }
            case '9' -> end("caller pressed 9");
            default -> say(lines.pressOne());
        }
    }

    // ---- tools ----

    private void ask(String tool, Map<String, Object> arguments) {
        var call = new ToolCall("offline_call_" + (++calls), tool, arguments);
        asked.put(call.id(), call);
        listener.toolCall(call);
    }

    private void answered(ToolCall call, String output) {
        if (call == null) return;
        switch (call.name()) {
            case "check_availability" -> {
                var slot = firstTime(output);
                if (slot.isPresent()) {
                    var arguments = new LinkedHashMap<String, Object>();
                    arguments.put("date", checking.toString());
                    arguments.put("time", slot.get().toString());
                    arguments.put("client_name", lines.clientName());
                    arguments.put("service_type", lines.service());
                    ask("book_appointment", arguments);
                    return;
                }
                var next = NEXT_OPEN.matcher(output);
                checking = next.find() ? LocalDate.parse(next.group(1)) : checking.plusDays(1);
                if (++checks < MAX_DAYS_AHEAD && !checking.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
                    ask("check_availability", Map.of("date", checking.toString()));
                } else {
                    stage = Stage.LISTENING;
                    say(lines.noFreeSlot());
                }
            }
            case "book_appointment" -> {
                if (output.startsWith("Booked")) {
                    var date = LocalDate.parse((String) call.arguments().get("date"));
                    var time = LocalTime.parse((String) call.arguments().get("time"));
                    stage = Stage.ENDING;
                    // Its last words come after the end_call, as a real model's do: the call ends once they have played.
                    pendingWords = lines.booked(date, time);
                    ask("end_call", Map.of("reason", "booked the first free slot"));
                } else {
                    stage = Stage.LISTENING;
                    say(lines.notBooked());
                }
            }
            case "end_call" -> say(pendingWords != null ? pendingWords : lines.goodbye());
            case "transfer_to_human" -> say(lines.transferring());
            default -> { }
        }
    }

    private void end(String reason) {
        stage = Stage.ENDING;
        if (tools.contains("end_call")) ask("end_call", Map.of("reason", reason));
        else say(lines.goodbye());
    }

    /** The first start time the answer offers ("Free start times on 2026-03-14 (Saturday) …: 09:00, 09:30"). */
    private static Optional<LocalTime> firstTime(String output) {
        if (!output.startsWith("Free start times")) return Optional.empty();
        var m = TIME.matcher(output.substring(output.indexOf(':') + 1));
        return m.find() ? Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    // ---- speaking ----

    private void say(String text) {
        toSay.add(SyntheticVoice.render(text));
        if (speaking == null) nextUtterance();
    }

    private void nextUtterance() {
        speaking = toSay.poll();
        if (speaking == null) {
            var t = ticker;
            ticker = null;
            if (t != null) t.cancel(false);
            return;
        }
        speakingItem = "offline_item_" + (++items);
        released = 0;
        pacing.write(speaking.pcm(), 0, speaking.pcm().length);
        pacing.completeFrame();
        if (ticker == null) ticker = pool.scheduleAtFixedRate(() -> submit(this::tick), 0, 10, TimeUnit.MILLISECONDS);
    }

    /** Releases the frames that are due; once an utterance is all out, its words follow (as a real model's transcript does). */
    private void tick() {
        if (speaking == null) return;
        while (pacing.poll(nanoTime.getAsLong(), frame, 0)) {
            var mulaw = new byte[FRAME];
            MuLaw.encode(frame, 0, mulaw, 0, FRAME);
            released += FRAME;
            listener.agentAudio(speakingItem, mulaw);
        }
        if (pacing.queuedSamples() == 0) {
            listener.agentSaid(speakingItem, speaking.text());
            speaking = null;
            nextUtterance();
        }
    }

    /** The caller spoke over the agent: the rest is dropped, and the words said are those whose sound went out. */
    private void stopSpeaking() {
        if (speaking == null) return;
        pacing.clear();
        toSay.clear();
        var said = speaking.wordsWithin(released);
        if (!said.isBlank()) listener.agentSaid(speakingItem, said);
        speaking = null;
        nextUtterance();
    }

    // ---- one task at a time ----

    private void submit(Runnable task) {
        if (closed) return;
        inbox.add(task);
        if (!draining.get()) pool.execute(this::drain);
    }

    private void drain() {
        if (!draining.compareAndSet(false, true)) return;
        try {
            Runnable task;
            while (!closed && (task = inbox.poll()) != null) task.run();
        } catch (RuntimeException e) {
            // A listener that throws must not stop the session: the next task runs.
            LOG.warn("offline speech model: a step of the call failed", e);
        } finally {
            draining.set(false);
        }
        if (!closed && !inbox.isEmpty()) pool.execute(this::drain);
    }
}
