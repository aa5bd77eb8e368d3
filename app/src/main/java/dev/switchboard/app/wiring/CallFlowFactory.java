package dev.switchboard.app.wiring;

import dev.switchboard.domain.modelcall.RealtimeVoiceModel;
import dev.switchboard.domain.modelcall.StartStreamCall;
import java.util.List;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.AnswerCall;
import dev.switchboard.domain.call.CallContexts;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.EarlyStatuses;
import dev.switchboard.domain.call.RecordCallStatus;
import dev.switchboard.domain.call.StaleCalls;
import dev.switchboard.domain.call.SummarizeCall;
import dev.switchboard.domain.conversation.EngineSettings;
import dev.switchboard.domain.conversation.LanguageModel;
import dev.switchboard.domain.conversation.LiveCalls;
import dev.switchboard.domain.conversation.StartConversation;
import dev.switchboard.domain.telephony.ReconcileCalls;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.tool.Toolbox;
import io.micronaut.context.annotation.Factory;
import dev.switchboard.domain.conversation.PlatformKeyQuota;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** Builds the call-handling use cases every runtime shares from the ports' adapters. */
@Factory
final class CallFlowFactory {
    /** The calls this instance carries; drained on SIGTERM ({@code GracefulStop}). */
    @Singleton
    LiveCalls liveCalls() {
        return new LiveCalls();
    }

    @Singleton
    SummarizeCall summarizeCall(CallRepository calls, CallRecorder recorder) {
        return new SummarizeCall(calls, recorder);
    }

    @Singleton
    AnswerCall answerCall(CallRepository calls, AssistantRepository assistants, Clock clock) {
        return new AnswerCall(calls, assistants, clock);
    }

    @Singleton
    RecordCallStatus recordCallStatus(CallRepository calls, SummarizeCall summaries, EarlyStatuses early, Clock clock,
                                      dev.switchboard.domain.diagnosis.DiagnoseCall diagnose) {
        // Diagnosed once the call has ended, from the timeline the summary was just written from.
        return new RecordCallStatus(calls, summaries, early, clock, diagnose::diagnose);
    }

    @Singleton
    ReconcileCalls reconcileCalls(StaleCalls stale, Telephony telephony, RecordCallStatus statuses, EarlyStatuses early,
                                  CallRepository calls, Clock clock, ReconcileProperties reconcile) {
        return new ReconcileCalls(stale, telephony, statuses, early, calls, clock, new ReconcileCalls.Settings(reconcile.staleAfter(),
                reconcile.recheckAfter(), reconcile.batch(), reconcile.keepEarlyFor()));
    }

    @Singleton
    StartConversation startConversation(TenantRepository tenants, AssistantRepository assistants, CallRepository calls,
                                        CallRecorder recorder, LanguageModel model, Toolbox toolbox,
                                        @Named(CallThreadsFactory.CALL_TOOLS) ExecutorService tools,
                                        EngineProperties engine, OpeningHoursText openingHours, Clock clock, CallContexts contexts) {
        return new StartConversation(tenants, assistants, calls, recorder, model, toolbox, tools,
                new EngineSettings(engine.maxToolRounds(), engine.toolTimeout()), openingHours::describe, clock, contexts);
    }

    /**
     * Stream calls: every speech-to-speech model bean offers itself by provider; tools get the
     * engine's per-call timeout and run on the bounded tool pool, awaited on the bounded turn pool
     * (never Micronaut's unbounded {@code io}); a platform-paid call counts against the tenant's
     * daily quota. Their timeline and transcript go through the batching recorder: the model's
     * socket thread, which carries the agent's audio, never waits for the database.
     */
    @Singleton
    StartStreamCall startStreamCall(TenantRepository tenants, AssistantRepository assistants, CallRepository calls,
                                    List<RealtimeVoiceModel> models, Toolbox toolbox,
                                    @Named(CallThreadsFactory.CALL_TOOLS) ExecutorService tools,
                                    @Named(CallThreadsFactory.CALL_TURNS) ExecutorService turns,
                                    @Named(CallThreadsFactory.CALL_TIMERS) ScheduledExecutorService timers,
                                    EngineProperties engine, CallsProperties callThreads, @Nullable PlatformKeyQuota quota,
                                    OpeningHoursText openingHours, Clock clock, CallContexts contexts, CallRecorder recorder) {
        return new StartStreamCall(tenants, assistants, calls, models, toolbox, tools, engine.toolTimeout(), openingHours::describe, clock,
                contexts, new StartStreamCall.Settings(turns, timers, callThreads.markWait(), quota, recorder));
    }
}
