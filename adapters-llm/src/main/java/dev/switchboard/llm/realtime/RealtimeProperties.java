package dev.switchboard.llm.realtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Where OpenAI's Realtime API lives ({@code switchboard.openai.realtime-url}, env
 * {@code SWITCHBOARD_OPENAI_REALTIME_URL}; the model goes in the query) and how long connecting
 * may take before the caller is transferred instead.
 */
@ConfigurationProperties("switchboard.openai")
public record RealtimeProperties(
        @Bindable(defaultValue = "wss://api.openai.com/v1/realtime") String realtimeUrl,
        @Bindable(defaultValue = "5s") Duration realtimeConnectTimeout,
        @Nullable String transcriptionModel) {

    public RealtimeProperties {
        if (transcriptionModel == null || transcriptionModel.isBlank()) transcriptionModel = "whisper-1";
    }
}
