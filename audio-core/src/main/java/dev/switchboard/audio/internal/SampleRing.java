package dev.switchboard.audio.internal;

import java.util.Arrays;

/**
 * FIFO of PCM16 samples in a ring buffer. Grows (doubling) only when a write does not fit, so a
 * stream with bounded backlog stops allocating after its first frames.
 */
public final class SampleRing {
    private short[] data;
    private int head;
    private int size;

    /** @param initialCapacity samples to hold before the first growth */
    public SampleRing(int initialCapacity) {
        data = new short[Math.max(16, initialCapacity)];
    }

    private SampleRing(SampleRing other) {
        data = other.data.clone();
        head = other.head;
        size = other.size;
    }

    /** Returns an independent ring with the same contents. */
    public SampleRing copy() {
        return new SampleRing(this);
    }

    /** Samples queued. */
    public int size() {
        return size;
    }

    /** Appends {@code len} samples. */
    public void write(short[] src, int off, int len) {
        if (size + len > data.length) {
            grow(size + len);
        }
        int tail = (head + size) % data.length;
        int first = Math.min(len, data.length - tail);
        System.arraycopy(src, off, data, tail, first);
        System.arraycopy(src, off + first, data, 0, len - first);
        size += len;
    }

    /** Appends {@code len} zero samples. */
    public void writeSilence(int len) {
        if (size + len > data.length) {
            grow(size + len);
        }
        int tail = (head + size) % data.length;
        int first = Math.min(len, data.length - tail);
        Arrays.fill(data, tail, tail + first, (short) 0);
        Arrays.fill(data, 0, len - first, (short) 0);
        size += len;
    }

    /** Removes exactly {@code len} samples (at most {@link #size()}) into {@code dst}. */
    public void read(short[] dst, int off, int len) {
        if (len > size) {
            throw new IllegalStateException("only " + size + " samples queued, " + len + " requested");
        }
        int first = Math.min(len, data.length - head);
        System.arraycopy(data, head, dst, off, first);
        System.arraycopy(data, 0, dst, off + first, len - first);
        head = (head + len) % data.length;
        size -= len;
    }

    /** Drops everything queued. */
    public void clear() {
        head = 0;
        size = 0;
    }

    private void grow(int needed) {
        short[] bigger = new short[Math.max(needed, data.length * 2)];
        int first = Math.min(size, data.length - head);
        System.arraycopy(data, head, bigger, 0, first);
        System.arraycopy(data, 0, bigger, first, size - first);
        data = bigger;
        head = 0;
    }
}
