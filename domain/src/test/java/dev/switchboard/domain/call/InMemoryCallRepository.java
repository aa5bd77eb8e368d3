package dev.switchboard.domain.call;

import dev.switchboard.domain.shared.Page;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/** In-memory {@link CallRepository} for domain tests. */
public final class InMemoryCallRepository implements CallRepository {
    private final Map<CallId, Call> calls = new ConcurrentHashMap<>();
    private final Map<CallId, String> verdicts = new ConcurrentHashMap<>();
    private final List<CallEvent> events = new CopyOnWriteArrayList<>();
    private final List<CallMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public void add(Call call) {
        if (calls.putIfAbsent(call.id(), call) != null) throw new IllegalArgumentException("call exists: " + call.id());
    }

    @Override
    public void update(Call call) {
        calls.computeIfPresent(call.id(), (id, old) -> old.tenantId().equals(call.tenantId()) ? call : old);
    }

    @Override
    public boolean replaceIfStatus(Call call, CallStatus expected) {
        var replaced = new boolean[1];
        calls.computeIfPresent(call.id(), (id, old) -> {
            if (!old.tenantId().equals(call.tenantId()) || old.status() != expected) return old;
            replaced[0] = true;
            return call;
        });
        return replaced[0];
    }

    @Override
    public Optional<Call> findById(TenantId tenantId, CallId id) {
        return Optional.ofNullable(calls.get(id)).filter(c -> c.tenantId().equals(tenantId));
    }

    @Override
    public Optional<Call> findByProviderCallId(TenantId tenantId, String providerCallId) {
        return calls.values().stream()
                .filter(c -> c.tenantId().equals(tenantId) && providerCallId.equals(c.providerCallId())).findFirst();
    }

    @Override
    public void recordVerdict(TenantId tenantId, CallId id, String verdict) {
        if (findById(tenantId, id).isPresent()) verdicts.put(id, verdict);
    }

    @Override
    public Map<CallId, String> verdicts(TenantId tenantId, java.util.Collection<CallId> ids) {
        var kept = new java.util.HashMap<CallId, String>();
        for (var id : ids) if (findById(tenantId, id).isPresent() && verdicts.containsKey(id)) kept.put(id, verdicts.get(id));
        return kept;
    }

    @Override
    public Page<Call> list(TenantId tenantId, CallQuery query, PageRequest page) {
        var matching = calls.values().stream()
                .filter(c -> c.tenantId().equals(tenantId))
                .filter(c -> query.status() == null || c.status() == query.status())
                .filter(c -> query.direction() == null || c.direction() == query.direction())
                .filter(c -> query.phoneNumberId() == null || query.phoneNumberId().equals(c.phoneNumberId()))
                .filter(c -> query.from() == null || !c.createdAt().isBefore(query.from()))
                .filter(c -> query.to() == null || c.createdAt().isBefore(query.to()))
                .filter(c -> query.providerCallId() == null || query.providerCallId().equals(c.providerCallId()))
                .filter(c -> query.verdict() == null || query.verdict().equals(verdicts.get(c.id())))
                .sorted(Comparator.comparing(Call::createdAt).reversed())
                .toList();
        var items = matching.stream().skip(page.offset()).limit(page.limit()).toList();
        return new Page<>(items, matching.size(), page.offset(), page.limit());
    }

    @Override
    public CallStats stats(TenantId tenantId, Instant from, Instant to, ZoneId zone) {
        var inRange = list(tenantId, new CallQuery(null, null, null, from, to), new PageRequest(0, PageRequest.MAX_LIMIT)).items();
        var byStatus = inRange.stream().collect(Collectors.groupingBy(Call::status, Collectors.counting()));
        var byDirection = inRange.stream().collect(Collectors.groupingBy(Call::direction, Collectors.counting()));
        Function<Call, Long> seconds = c -> c.durationSeconds() == null ? 0L : c.durationSeconds();
        long total = inRange.stream().mapToLong(seconds::apply).sum();
        double average = inRange.stream().filter(c -> c.durationSeconds() != null).mapToLong(seconds::apply).average().orElse(0);
        var days = new TreeMap<LocalDate, long[]>();
        for (var c : inRange) {
            var day = days.computeIfAbsent(c.createdAt().atZone(zone).toLocalDate(), d -> new long[2]);
            day[0]++;
            day[1] += seconds.apply(c);
        }
        var perDay = new ArrayList<CallStats.Day>();
        days.forEach((date, v) -> perDay.add(new CallStats.Day(date, v[0], v[1])));
        return new CallStats(inRange.size(), byStatus, byDirection, total, average, perDay);
    }

    @Override
    public void appendEvent(CallEvent event) {
        events.add(event);
    }

    @Override
    public List<CallEvent> events(TenantId tenantId, CallId callId) {
        // A stable sort: the same instant keeps append order, as in PostgreSQL (at, id).
        return events.stream().filter(e -> e.tenantId().equals(tenantId) && e.callId().equals(callId))
                .sorted(Comparator.comparing(CallEvent::at)).toList();
    }

    @Override
    public synchronized void saveMessage(CallMessage message) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).id().equals(message.id())) {
                messages.set(i, message);
                return;
            }
        }
        messages.add(message);
    }

    @Override
    public List<CallMessage> messages(TenantId tenantId, CallId callId) {
        // Like the database: by when each turn was said, ties in the order they were stored.
        return messages.stream().filter(m -> m.tenantId().equals(tenantId) && m.callId().equals(callId))
                .sorted(java.util.Comparator.comparing(CallMessage::at)).toList();
    }
}
