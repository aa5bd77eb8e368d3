package dev.switchboard.domain.sms;

import dev.switchboard.domain.shared.Page;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SmsRepository} and {@link OptOuts} in memory, for domain tests. Thread-safe. */
public final class InMemorySmsRepository implements SmsRepository, OptOuts {
    private final Map<SmsId, Sms> messages = new LinkedHashMap<>();
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final Map<SmsId, Instant> checked = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(Sms sms) {
        if (sms.providerMessageId() != null && findByProviderId(sms.tenantId(), sms.providerMessageId()).isPresent()) return false;
        if (messages.containsKey(sms.id())) throw new IllegalArgumentException("message exists: " + sms.id());
        messages.put(sms.id(), sms);
        return true;
    }

    @Override
    public synchronized Optional<Sms> findById(TenantId tenant, SmsId id) {
        return Optional.ofNullable(messages.get(id)).filter(m -> m.tenantId().equals(tenant));
    }

    @Override
    public synchronized Optional<Sms> findByProviderId(TenantId tenant, String providerMessageId) {
        return messages.values().stream().filter(m -> m.tenantId().equals(tenant) && providerMessageId.equals(m.providerMessageId())).findFirst();
    }

    @Override
    public synchronized Page<Sms> list(TenantId tenant, SmsQuery query, PageRequest page) {
        var matching = messages.values().stream().filter(m -> m.tenantId().equals(tenant))
                .filter(m -> query.direction() == null || m.direction() == query.direction())
                .filter(m -> query.status() == null || m.status() == query.status())
                .filter(m -> query.number() == null || query.number().equals(m.from()) || query.number().equals(m.to()))
                .filter(m -> query.from() == null || !m.createdAt().isBefore(query.from()))
                .filter(m -> query.to() == null || m.createdAt().isBefore(query.to()))
                .sorted(Comparator.comparing(Sms::createdAt).thenComparing(m -> m.id().value()).reversed()).toList();
        var items = matching.stream().skip(page.offset()).limit(page.limit()).toList();
        return new Page<>(items, matching.size(), page.offset(), page.limit());
    }

    @Override
    public synchronized Optional<Sms> accepted(TenantId tenant, SmsId id, String providerMessageId, SmsStatus status, Instant at) {
        var found = findById(tenant, id);
        if (found.isEmpty()) return Optional.empty();
        var m = found.get();
        var next = m.status().canMoveTo(status) ? status : m.status();
        var updated = new Sms(m.id(), m.tenantId(), m.direction(), m.from(), m.to(), m.body(), next, m.phoneNumberId(), providerMessageId,
                m.errorCode(), m.errorMessage(), m.callId(), m.createdAt(), at);
        messages.put(id, updated);
        return Optional.of(updated);
    }

    @Override
    public synchronized boolean advance(TenantId tenant, String providerMessageId, SmsStatus status, Integer errorCode, String errorMessage,
                                        Instant at) {
        return findByProviderId(tenant, providerMessageId).map(m -> advance(m, status, errorCode, errorMessage, at)).orElse(false);
    }

    @Override
    public synchronized boolean advance(TenantId tenant, SmsId id, SmsStatus status, Integer errorCode, String errorMessage, Instant at) {
        return findById(tenant, id).map(m -> advance(m, status, errorCode, errorMessage, at)).orElse(false);
    }

    private boolean advance(Sms m, SmsStatus status, Integer errorCode, String errorMessage, Instant at) {
        if (!m.status().canMoveTo(status)) return false;
        messages.put(m.id(), new Sms(m.id(), m.tenantId(), m.direction(), m.from(), m.to(), m.body(), status, m.phoneNumberId(),
                m.providerMessageId(), errorCode != null ? errorCode : m.errorCode(), errorMessage != null ? errorMessage : m.errorMessage(),
                m.callId(), m.createdAt(), at));
        return true;
    }

    @Override
    public synchronized java.util.List<Sms> claimUnreported(Instant now, java.time.Duration olderThan, java.time.Duration recheckAfter,
                                                           java.time.Duration giveUpAfter, int limit) {
        var claimed = messages.values().stream()
                .filter(m -> m.direction() == SmsDirection.OUTBOUND && m.providerMessageId() != null)
                .filter(m -> m.status() == SmsStatus.QUEUED || m.status() == SmsStatus.SENDING)
                .filter(m -> m.createdAt().isBefore(now.minus(olderThan)) && m.createdAt().isAfter(now.minus(giveUpAfter)))
                .filter(m -> !checked.containsKey(m.id()) || checked.get(m.id()).isBefore(now.minus(recheckAfter)))
                .sorted(Comparator.comparing(Sms::createdAt)).limit(limit).toList();
        claimed.forEach(m -> checked.put(m.id(), now));
        return claimed;
    }

    @Override
    public void optOut(TenantId tenant, String number, Instant at) {
        optedOut.add(tenant + " " + number);
    }

    @Override
    public void optIn(TenantId tenant, String number) {
        optedOut.remove(tenant + " " + number);
    }

    @Override
    public boolean isOptedOut(TenantId tenant, String number) {
        return optedOut.contains(tenant + " " + number);
    }
}
