package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every call reads again and tenants rarely change (the number dialled, its assistant, the
 * tenant, its connections, opening hours, knowledge searches), kept in this instance's memory.
 * Issue 12's profile found these reads waiting for pooled connections on every webhook, socket
 * setup and tool call.
 *
 * <p>A tenant's entries are dropped when a row of its configuration changes: at once on the instance that wrote it
 * (the repositories call {@link #changed}), and within milliseconds on every other instance,
 * which hears it from PostgreSQL ({@link ConfigurationChanges}). While changes cannot be heard (at
 * start, or when the listening connection is lost) nothing is cached and every read goes to the
 * database, so a missed change can never leave a stale entry behind.
 *
 * <p>A read that raced a change is not kept: the value is stored, then dropped again if a change
 * happened since the read began (a change counts first, then drops entries, so one of the two
 * always sees the other).
 */
@Singleton
final class ConfigurationCache {
    /**
     * @param table the table the value was read from
     * @param owner the tenant whose rows these are; {@code null} for a read across tenants (the
     *     number dialled), dropped by a change of any tenant
     * @param what the rest of the key
     */
    record Key(String table, TenantId owner, Object what) {}

    /** Bounds the memory an instance spends; beyond it the cache starts over. */
    static final int CAPACITY = 20_000;

    private final Map<Key, Object> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile boolean hearingChanges;

    /** The cached value for {@code key}, else {@code load}'s, kept when {@code keep} says so. */
    @SuppressWarnings("unchecked")
    <T> T read(Key key, Supplier<T> load, Predicate<T> keep) {
        if (!hearingChanges) return load.get();
        var hit = entries.get(key);
        if (hit != null) {
            hits.increment();
            return (T) hit;
        }
        misses.increment();
        long before = changes.get();
        T value = load.get();
        if (value == null || !keep.test(value)) return value;
        if (entries.size() >= CAPACITY) entries.clear();
        entries.put(key, value);
        if (changes.get() != before || !hearingChanges) entries.remove(key, value);
        return value;
    }

    <T> T read(Key key, Supplier<T> load) {
        return read(key, load, value -> true);
    }

    /**
     * Some configuration of {@code tenant} changed ({@code null}: of some tenant, or unknown). Its
     * entries and every read across tenants go, whatever their table: changes are rare, and one
     * can touch several tables (deleting an assistant detaches its numbers).
     */
    void changed(TenantId tenant) {
        changes.incrementAndGet();
        entries.keySet().removeIf(k -> tenant == null || k.owner() == null || k.owner().equals(tenant));
    }

    /** Whether changes are heard from PostgreSQL now; either way the cache starts over. */
    void hearingChanges(boolean hearing) {
        hearingChanges = hearing;
        changes.incrementAndGet();
        entries.clear();
    }

    boolean isHearingChanges() {
        return hearingChanges;
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    int size() {
        return entries.size();
    }
}
