package dev.switchboard.domain.recording;

import java.time.Duration;
import java.util.Objects;

/**
 * A finished recording.
 *
 * @param duration how long it lasts (samples per channel / 8 kHz)
 * @param sizeBytes its size as stored
 * @param droppedAudio pieces of audio the writer could not keep up with and dropped (0 normally)
 */
public record RecordingSaved(Duration duration, long sizeBytes, long droppedAudio) {
    public RecordingSaved {
        Objects.requireNonNull(duration, "duration");
        if (sizeBytes < 0 || droppedAudio < 0) throw new IllegalArgumentException("negative size or count");
    }
}
