package dev.switchboard.persistence.recording;

import dev.switchboard.audio.MuLaw;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Lays a call's two sides on one 8 kHz stereo timeline (left caller, right agent) and hands it
 * to a {@link Sink} in time order, as soon as it is final.
 *
 * <p>The clock is the caller's: Twilio stamps each media frame with its start in ms since the
 * stream began, so caller audio goes exactly where it belongs, and a gap (frames lost or never
 * sent) is silence. "Now" is the end of the latest caller audio. Everything before now is final
 * and has been written; nothing after it has. Agent audio goes where it plays: it starts when it
 * was sent (now) or right after the agent audio still queued before it, as Twilio plays queued
 * audio in order. It stays pending until the clock reaches it, because a {@link #cleared() clear}
 * drops every agent sample not yet played (that is, at or after now). At the end, agent audio
 * beyond the last caller audio never played and is dropped too.
 *
 * <p>Memory is bounded: pending agent audio is capped ({@code maxPendingAgentSamples}, beyond it
 * agent audio is dropped and counted) and the length of the recording is capped
 * ({@code maxFrames}, beyond it nothing is written). Not thread-safe: one writer thread.
 */
final class StereoTimeline {
    static final int SAMPLES_PER_MS = 8;
    private static final int BLOCK = 1024;

    /** Receives consecutive stereo frames; the arrays are reused after it returns. */
    @FunctionalInterface
    interface Sink {
        void write(short[] left, short[] right, int frames) throws IOException;
    }

    /** Agent samples [start, start + length) still to be written; consumed from the front. */
    private static final class Piece {
        long start;
        final byte[] mulaw;
        int from;

        Piece(long start, byte[] mulaw) {
            this.start = start;
            this.mulaw = mulaw;
        }

        long end() {
            return start + mulaw.length - from;
        }
    }

    private final Sink sink;
    private final long maxFrames;
    private final long maxPendingAgentSamples;
    private final short[] left = new short[BLOCK];
    private final short[] right = new short[BLOCK];
    private final ArrayDeque<Piece> agent = new ArrayDeque<>();
    /** Frames written so far, which is also "now" on the stream's clock. */
    private long written;
    private long callerEnd;
    private long agentEnd;
    private long pendingAgent;
    private long dropped;

    StereoTimeline(Sink sink, long maxFrames, long maxPendingAgentSamples) {
        this.sink = sink;
        this.maxFrames = maxFrames;
        this.maxPendingAgentSamples = maxPendingAgentSamples;
    }

    /** Caller audio starting {@code streamMillis} into the stream (negative: right after the previous caller audio). */
    void caller(long streamMillis, byte[] mulaw) throws IOException {
        long start = streamMillis < 0 ? callerEnd : streamMillis * SAMPLES_PER_MS;
        long end = start + mulaw.length;
        callerEnd = Math.max(callerEnd, end);
        // Silence (and any agent audio) up to where this audio starts, then the audio itself.
        // A frame that overlaps what is written already (a repeat, or out of order) keeps only what is new.
        write(Math.min(start, maxFrames), null, 0);
        long from = Math.max(start, written);
        write(Math.min(end, maxFrames), mulaw, (int) (from - start));
    }

    /** Agent audio sent now: it plays after the agent audio still queued. */
    void agent(byte[] mulaw) {
        if (mulaw.length == 0) return;
        if (pendingAgent + mulaw.length > maxPendingAgentSamples) {
            dropped++;
            return;
        }
        long start = Math.max(written, agentEnd);
        agent.add(new Piece(start, mulaw));
        agentEnd = start + mulaw.length;
        pendingAgent += mulaw.length;
    }

    /** The caller's line was cleared: the agent audio not yet played (all of it still pending) is dropped. */
    void cleared() {
        agent.clear();
        pendingAgent = 0;
        agentEnd = written;
    }

    /** The stream ended: agent audio that would have played after it never did. */
    long finish() {
        cleared();
        return written;
    }

    long framesWritten() {
        return written;
    }

    long droppedAgentAudio() {
        return dropped;
    }

    /** Writes frames [written, until): the caller's side from {@code caller[callerOff…]} (silence when null). */
    private void write(long until, byte[] caller, int callerOff) throws IOException {
        while (written < until) {
            int n = (int) Math.min(BLOCK, until - written);
            if (caller == null) Arrays.fill(left, 0, n, (short) 0);
            else MuLaw.decode(caller, callerOff, left, 0, n);
            fillAgent(written, n);
            sink.write(left, right, n);
            written += n;
            callerOff += n;
        }
    }

    private void fillAgent(long from, int n) {
        Arrays.fill(right, 0, n, (short) 0);
        long to = from + n;
        while (!agent.isEmpty()) {
            var piece = agent.peek();
            if (piece.start >= to) return;
            long overlapFrom = Math.max(piece.start, from);
            long overlapTo = Math.min(piece.end(), to);
            int skip = (int) (overlapFrom - piece.start);
            int count = (int) (overlapTo - overlapFrom);
            if (count > 0) MuLaw.decode(piece.mulaw, piece.from + skip, right, (int) (overlapFrom - from), count);
            int consumed = (int) (overlapTo - piece.start);
            if (overlapTo >= piece.end()) {
                agent.poll();
                pendingAgent -= piece.mulaw.length - piece.from;
            } else {
                piece.from += consumed;
                piece.start += consumed;
                pendingAgent -= consumed;
                return;
            }
        }
    }
}
