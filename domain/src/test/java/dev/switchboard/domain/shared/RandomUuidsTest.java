package dev.switchboard.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomUuidsTest {
    @Test
    void ids_are_version_4_uuids_of_the_ietf_variant_as_uuid_random_makes() {
        for (int i = 0; i < 1_000; i++) {
            var id = RandomUuids.next();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
        }
    }

    @Test
    void ids_minted_on_many_threads_at_once_never_repeat() {
        var seen = ConcurrentHashMap.<UUID>newKeySet();
        IntStream.range(0, 8).parallel().forEach(t -> {
            for (int i = 0; i < 10_000; i++) assertThat(seen.add(RandomUuids.next())).isTrue();
        });
        assertThat(seen).hasSize(80_000);
    }

    @Test
    void the_bits_outside_version_and_variant_vary() {
        var ones = new HashSet<Integer>();
        var first = RandomUuids.next();
        for (int i = 0; i < 64; i++) {
            var other = RandomUuids.next();
            long diff = first.getLeastSignificantBits() ^ other.getLeastSignificantBits();
            for (int bit = 0; bit < 62; bit++) if ((diff >>> bit & 1) == 1) ones.add(bit);
        }
        assertThat(ones).hasSize(62);
    }
}
