package dev.switchboard.audio;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Streams PCM16 mono or stereo audio into a RIFF/WAVE file, for call recordings.
 *
 * <p>The 44-byte header is written first with the sizes unknown; {@link #close()} patches the
 * RIFF and data sizes when the target is seekable (a {@link Path} or {@link SeekableByteChannel}).
 * On a plain {@link OutputStream} the sizes stay {@code 0xFFFFFFFF}, the streaming convention
 * that sox, ffmpeg and most players accept. WAV sizes are 32-bit: writing more than about 4 GiB
 * of data fails with an {@link IOException}.
 *
 * <p>Samples are interleaved for stereo (left, right, left, …). The writer copies from the
 * caller's arrays and keeps no reference to them; it reuses one internal byte buffer. Not
 * thread-safe: one writer per recording, used from one thread at a time.
 */
public final class WavWriter implements Closeable {
    private static final int HEADER_BYTES = 44;
    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - 36;

    private final WritableByteChannel channel;
    private final SeekableByteChannel seekable;
    private final boolean ownsChannel;
    private final int channels;
    private final ByteBuffer scratch = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
    private int sampleRateHz;
    private long samplesWritten;
    private boolean closed;

    private WavWriter(WritableByteChannel channel, boolean ownsChannel, int sampleRateHz, int channels)
            throws IOException {
        if (sampleRateHz <= 0) {
            throw new IllegalArgumentException("sampleRateHz must be positive: " + sampleRateHz);
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("channels must be 1 or 2: " + channels);
        }
        this.channel = channel;
        this.seekable = channel instanceof SeekableByteChannel s ? s : null;
        this.ownsChannel = ownsChannel;
        this.channels = channels;
        writeHeader(sampleRateHz, -1);
    }

    /** Creates (or truncates) {@code path} and writes the header. Closing the writer closes the file. */
    public static WavWriter create(Path path, int sampleRateHz, int channels) throws IOException {
        FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new WavWriter(file, true, sampleRateHz, channels);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * Writes a WAV file into {@code channel} from its current position, which must be 0 for the
     * sizes to be patched correctly. Closing the writer closes the channel.
     */
    public static WavWriter create(SeekableByteChannel channel, int sampleRateHz, int channels) throws IOException {
        return new WavWriter(Objects.requireNonNull(channel, "channel"), true, sampleRateHz, channels);
    }

    /**
     * Writes a streaming WAV (sizes {@code 0xFFFFFFFF}) into a non-seekable stream. Closing the
     * writer flushes but does not close {@code out}; the caller owns it.
     */
    public static WavWriter create(OutputStream out, int sampleRateHz, int channels) throws IOException {
        return new WavWriter(Channels.newChannel(Objects.requireNonNull(out, "out")), false, sampleRateHz, channels);
    }

    /**
     * Appends {@code len} interleaved samples (for stereo, {@code len} counts both channels; a
     * frame may be split across calls).
     */
    public void write(short[] samples, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, samples.length);
        ensureOpen(len);
        int end = off + len;
        while (off < end) {
            scratch.clear();
            int n = Math.min(end - off, scratch.capacity() / 2);
            for (int i = 0; i < n; i++) {
                scratch.putShort(samples[off + i]);
            }
            off += n;
            drain();
        }
        samplesWritten += len;
    }

    /** Appends {@code frames} stereo frames taken from two mono arrays (e.g. caller and agent). */
    public void writeStereo(short[] left, int leftOff, short[] right, int rightOff, int frames) throws IOException {
        if (channels != 2) {
            throw new IllegalStateException("writer is mono");
        }
        Objects.checkFromIndexSize(leftOff, frames, left.length);
        Objects.checkFromIndexSize(rightOff, frames, right.length);
        ensureOpen(2L * frames);
        int done = 0;
        while (done < frames) {
            scratch.clear();
            int n = Math.min(frames - done, scratch.capacity() / 4);
            for (int i = 0; i < n; i++) {
                scratch.putShort(left[leftOff + done + i]).putShort(right[rightOff + done + i]);
            }
            done += n;
            drain();
        }
        samplesWritten += 2L * frames;
    }

    /** Number of complete frames (samples per channel) written so far. */
    public long framesWritten() {
        return samplesWritten / channels;
    }

    /**
     * Pads a split stereo frame with silence, patches the header sizes if the target is seekable,
     * and closes the channel it owns. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (samplesWritten % channels != 0) {
                scratch.clear();
                scratch.putShort((short) 0);
                drain();
                samplesWritten++;
            }
            if (seekable != null) {
                long end = seekable.position();
                seekable.position(end - HEADER_BYTES - samplesWritten * 2);
                writeHeader(-1, samplesWritten * 2);
                seekable.position(end);
            }
        } finally {
            if (ownsChannel) {
                channel.close();
            }
        }
    }

    private void ensureOpen(long addedSamples) throws IOException {
        if (closed) {
            throw new IOException("WavWriter is closed");
        }
        if ((samplesWritten + addedSamples + 1) * 2 > MAX_DATA_BYTES) {
            throw new IOException("WAV data would exceed 4 GiB");
        }
    }

    // A non-positive rate keeps the one already written: close() rewrites the header with sizes.
    private void writeHeader(int rateHz, long dataBytes) throws IOException {
        if (rateHz > 0) {
            sampleRateHz = rateHz;
        }
        long data = dataBytes < 0 ? 0xFFFFFFFFL : dataBytes;
        long riff = dataBytes < 0 ? 0xFFFFFFFFL : dataBytes + 36;
        int blockAlign = channels * 2;
        scratch.clear();
        scratch.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F').putInt((int) riff)
                .put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E')
                .put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ').putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(sampleRateHz)
                .putInt(sampleRateHz * blockAlign).putShort((short) blockAlign).putShort((short) 16)
                .put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a').putInt((int) data);
        drain();
    }

    private void drain() throws IOException {
        scratch.flip();
        while (scratch.hasRemaining()) {
            channel.write(scratch);
        }
    }
}
