package dev.switchboard.domain.shared;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for the ids the platform mints, as unguessable as
 * {@link UUID#randomUUID()} but without its one process-wide lock.
 *
 * <p>{@code RandomUuids.next()} draws from a single shared {@code SecureRandom} (on Linux the
 * NativePRNG, which reads {@code /dev/urandom} under a global lock). A relay call mints an id for
 * every transcript line, so under load every call thread queued on that lock; on two busy cores a
 * holder that lost its CPU kept hundreds of turns waiting (JFR at 1,000 calls: 522 waits, up to
 * 2.1 s each, all in {@code CallMessage.of}). Here each thread has its own DRBG, seeded once from
 * the system's entropy, so minting an id never waits for another thread.
 */
public final class RandomUuids {
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RandomUuids::newGenerator);

    private RandomUuids() {
    }

    /** A fresh random UUID (version 4, IETF variant), as {@link UUID#randomUUID()} makes. */
    public static UUID next() {
        var bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) most = (most << 8) | (bytes[i] & 0xff);
        for (int i = 8; i < 16; i++) least = (least << 8) | (bytes[i] & 0xff);
        return new UUID(most, least);
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            // Every JDK since 9 has DRBG; a JDK without it still gets a working, if shared, source.
            return new SecureRandom();
        }
    }
}
