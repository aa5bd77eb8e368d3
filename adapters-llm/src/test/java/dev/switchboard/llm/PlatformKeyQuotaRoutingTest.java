package dev.switchboard.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelReply.StopReason;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.conversation.PlatformKeyQuota;
import dev.switchboard.domain.conversation.PlatformKeyUsage;
import dev.switchboard.domain.conversation.ReplyListener;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.llm.config.FallbackProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The router applies the platform key's daily quota only to requests that key pays for. */
class PlatformKeyQuotaRoutingTest {
    private static final TenantId TENANT = TenantId.random();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-03T23:59:00Z"), ZoneOffset.UTC);

    /** A provider answering "claude" (40 characters, 10 tokens); paid by the platform unless told otherwise. */
    private static final class Claude implements ProviderModel {
        final boolean platformPays;
        int asked;

        Claude(boolean platformPays) {
            this.platformPays = platformPays;
        }

        @Override
        public String provider() {
            return "anthropic";
        }

        @Override
        public boolean paidByPlatform(TenantId tenant) {
            return platformPays;
        }

        @Override
        public ModelReply reply(ModelRequest request, ReplyListener listener, Cancellation cancellation) {
            asked++;
            return new ModelReply("claude says something forty characters.", List.of(), StopReason.END_TURN);
        }
    }

    private static final class Offline implements ProviderModel {
        @Override
        public String provider() {
            return "offline";
        }

        @Override
        public ModelReply reply(ModelRequest request, ReplyListener listener, Cancellation cancellation) {
            return new ModelReply("offline", List.of(), StopReason.END_TURN);
        }
    }

    /** Counts in memory, as {@code PostgresPlatformKeyUsage} does in PostgreSQL. */
    private static final class InMemoryUsage implements PlatformKeyUsage {
        final Map<LocalDate, Day> days = new HashMap<>();
        final Map<CallId, Boolean> calls = new HashMap<>();
        boolean down;

        @Override
        public synchronized boolean admitCall(TenantId tenant, CallId call, LocalDate day, int dailyCalls, long dailyTokens) {
            if (down) throw new PortFailure(PortFailure.Category.UNAVAILABLE, "database unavailable");
            return calls.computeIfAbsent(call, c -> {
                var d = day(tenant, day);
                if (d.calls() >= dailyCalls || d.outputTokens() >= dailyTokens) return false;
                days.put(day, new Day(d.calls() + 1, d.outputTokens()));
                return true;
            });
        }

        @Override
        public synchronized long addOutputTokens(TenantId tenant, LocalDate day, long tokens) {
            var d = day(tenant, day);
            days.put(day, new Day(d.calls(), d.outputTokens() + tokens));
            return d.outputTokens() + tokens;
        }

        @Override
        public synchronized Day day(TenantId tenant, LocalDate day) {
            return days.getOrDefault(day, new Day(0, 0));
        }
    }

    private final InMemoryUsage usage = new InMemoryUsage();

    private RoutingLanguageModel router(Claude claude, int dailyCalls, long dailyTokens) {
        return new RoutingLanguageModel(List.of(claude, new Offline()), FallbackProperties.none(),
                new PlatformKeyQuota(usage, dailyCalls, dailyTokens, CLOCK));
    }

    private static ModelRequest ask(CallId call) {
        return new ModelRequest(TENANT, new ModelSettings("anthropic", "m-1", 0.7, 200), "prompt",
                List.of(new ChatTurn.CallerTurn("hi")), List.of(), call);
    }

    private static ModelReply reply(RoutingLanguageModel router, CallId call) {
        return router.reply(ask(call), delta -> {}, new Cancellation());
    }

    @Test
    void an_admitted_call_keeps_the_platform_model_until_the_days_tokens_are_spent() {
        var claude = new Claude(true);
        var router = router(claude, 5, 20);
        var call = new CallId(UUID.randomUUID());

        assertThat(reply(router, call).text()).startsWith("claude");
        assertThat(reply(router, call).text()).startsWith("claude");
        var third = reply(router, call);

        assertThat(third.text()).isEqualTo("offline");
        assertThat(third.note()).isEqualTo(PlatformKeyQuota.REACHED);
        assertThat(claude.asked).isEqualTo(2);
        assertThat(usage.day(TENANT, LocalDate.of(2026, 3, 3))).isEqualTo(new PlatformKeyUsage.Day(1, 20));
    }

    @Test
    void a_call_over_the_daily_calls_is_answered_offline_with_the_note() {
        var claude = new Claude(true);
        var router = router(claude, 1, 1_000);
        assertThat(reply(router, new CallId(UUID.randomUUID())).note()).isNull();
        var over = reply(router, new CallId(UUID.randomUUID()));

        assertThat(over.text()).isEqualTo("offline");
        assertThat(over.note()).isEqualTo(PlatformKeyQuota.REACHED);
        assertThat(claude.asked).isEqualTo(1);
    }

    @Test
    void the_tenants_own_key_is_never_counted_nor_limited() {
        var claude = new Claude(false);
        var router = router(claude, 0, 0);
        var answered = reply(router, new CallId(UUID.randomUUID()));

        assertThat(answered.text()).startsWith("claude");
        assertThat(answered.note()).isNull();
        assertThat(usage.days).isEmpty();
        assertThat(usage.calls).isEmpty();
    }

    @Test
    void when_the_count_cannot_be_read_the_platform_key_is_not_used_unchecked() {
        usage.down = true;
        var claude = new Claude(true);
        var answered = reply(router(claude, 5, 1_000), new CallId(UUID.randomUUID()));

        assertThat(answered.text()).isEqualTo("offline");
        assertThat(answered.note()).isEqualTo(PlatformKeyQuota.UNCHECKED);
        assertThat(claude.asked).isZero();
    }
}
