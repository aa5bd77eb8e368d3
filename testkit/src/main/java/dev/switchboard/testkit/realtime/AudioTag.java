package dev.switchboard.testkit.realtime;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A label written into the first bytes of a 20 ms μ-law frame (160 bytes), so that whoever
 * receives the frame knows which call sent it, its place in that call's stream, and when it left.
 * The stream runtime forwards μ-law byte for byte between Twilio and OpenAI Realtime, so the label
 * crosses the server intact and loss, order and forwarding delay are measured, not guessed. The
 * rest of the frame is ordinary audio. Both ends must share one process clock
 * ({@link System#nanoTime()}), as the load client and its fake Realtime do.
 *
 * @param run       which load run sent it (a warm-up's late frames are not counted in the run after it)
 * @param call      the call's index in the run, from 0
 * @param sequence  the frame's place in that call's stream for its direction, from 0
 * @param sentNanos {@link System#nanoTime()} when it was sent
 */
public record AudioTag(int run, int call, int sequence, long sentNanos) {
    /** How many bytes of a frame the label takes. */
    public static final int BYTES = 20;
    /** One 20 ms frame of 8 kHz μ-law: every frame carries its own label. */
    public static final int FRAME_BYTES = 160;
    // Two bytes no steady signal repeats at the start of every frame: tells a label from audio.
    private static final byte MAGIC_0 = (byte) 0xA5, MAGIC_1 = (byte) 0x5A;

    /** Writes this label over the first {@link #BYTES} bytes of the frame at {@code offset}. */
    public void writeInto(byte[] frames, int offset) {
        var out = ByteBuffer.wrap(frames, offset, BYTES);
        out.put(MAGIC_0).put(MAGIC_1).putShort((short) run).putInt(call).putInt(sequence).putLong(sentNanos);
    }

    /** The label of the frame at {@code offset}, or empty when that frame carries none. */
    public static Optional<AudioTag> readFrom(byte[] frames, int offset) {
        if (offset + BYTES > frames.length || frames[offset] != MAGIC_0 || frames[offset + 1] != MAGIC_1) return Optional.empty();
        var in = ByteBuffer.wrap(frames, offset + 2, BYTES - 2);
        return Optional.of(new AudioTag(Short.toUnsignedInt(in.getShort()), in.getInt(), in.getInt(), in.getLong()));
    }
}
