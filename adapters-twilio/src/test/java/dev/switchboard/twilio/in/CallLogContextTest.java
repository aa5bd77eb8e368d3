package dev.switchboard.twilio.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CallLogContextTest {
    @Test
    void a_calls_task_logs_with_its_tenant_and_call_and_the_shared_thread_is_left_clean() throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        var tenant = new TenantId(UUID.randomUUID());
        var call = CallId.random();
        var during = new AtomicReference<Map<String, String>>();
        var after = new AtomicReference<Map<String, String>>();

        CallLogContext.carrying(tenant, call, pool).execute(() -> during.set(MDC.getCopyOfContextMap()));
        pool.submit(() -> after.set(MDC.getCopyOfContextMap())).get(10, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(during.get()).containsEntry("tenantId", tenant.toString()).containsEntry("callId", call.toString());
        assertThat(after.get() == null ? Map.of() : after.get()).doesNotContainKeys("tenantId", "callId");
    }

    @Test
    void a_full_pool_still_refuses_so_the_lane_can_wait() {
        var pool = Executors.newSingleThreadExecutor();
        pool.shutdown();

        assertThatThrownBy(() -> CallLogContext.carrying(new TenantId(UUID.randomUUID()), CallId.random(), pool).execute(() -> {}))
                .isInstanceOf(RejectedExecutionException.class);
    }
}
