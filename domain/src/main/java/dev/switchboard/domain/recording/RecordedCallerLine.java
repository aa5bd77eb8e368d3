package dev.switchboard.domain.recording;

import dev.switchboard.domain.modelcall.CallerLine;
import dev.switchboard.domain.modelcall.MuLawChunk;
import dev.switchboard.domain.shared.E164Number;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The caller's line of a recorded call: what is played to the caller also goes into the
 * recording, and a clear cuts it there too. Everything else is the line's own business.
 */
public final class RecordedCallerLine implements CallerLine {
    private final CallerLine line;
    private final CallRecording recording;

    public RecordedCallerLine(CallerLine line, CallRecording recording) {
        this.line = line;
        this.recording = recording;
    }

    @Override
    public void play(byte[] mulaw, String mark) {
        // Recorded before it is sent: the recording's clock then places it no later than the caller hears it.
        recording.agentAudio(mulaw.clone());
        line.play(mulaw, mark);
    }

    @Override
    public void play(MuLawChunk audio, String mark) {
        // The chunk's bytes are never changed: no copy needed. The line still gets the chunk, in whichever form it came.
        recording.agentAudio(audio.bytes());
        line.play(audio, mark);
    }

    @Override
    public void clear() {
        recording.cleared();
        line.clear();
    }

    @Override
    public void transfer(E164Number number, String words, String language) {
        line.transfer(number, words, language);
    }

    @Override
    public void hangUp(String words, String language) {
        line.hangUp(words, language);
    }

    /** The line's own: recording does not change where its audio runs. */
    @Override
    public Optional<Executor> audioThread() {
        return line.audioThread();
    }
}
