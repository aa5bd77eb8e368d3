package dev.switchboard.llm.realtime;

/** PCM16 as bytes on the wire: little-endian, as Gemini Live sends and takes it. */
final class Pcm16 {
    private Pcm16() {}

    /** The first {@code count} samples as little-endian bytes (a new array). */
    static byte[] littleEndian(short[] samples, int count) {
        var out = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    /** The sample rate a {@code mimeType} such as {@code audio/pcm;rate=24000} declares, else {@code fallback}. */
    static int rate(String mimeType, int fallback) {
        if (mimeType == null) return fallback;
        for (var part : mimeType.split(";")) {
            var p = part.strip();
            if (p.startsWith("rate=")) {
                try {
                    return Integer.parseInt(p.substring(5).strip());
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }
}
