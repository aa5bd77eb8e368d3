package dev.switchboard.domain.recording;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A stored recording, ready to be read.
 *
 * @param contentType its media type, {@code audio/wav}
 * @param sizeBytes its length in bytes
 * @param content opens it for reading; the caller closes the stream
 */
public record StoredRecording(String contentType, long sizeBytes, Content content) {
    /** Opens the recording's bytes, from the start. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public StoredRecording {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        if (sizeBytes < 0) throw new IllegalArgumentException("negative size");
    }
}
