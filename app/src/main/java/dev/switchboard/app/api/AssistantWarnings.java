package dev.switchboard.app.api;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.conversation.LanguageModel;
import dev.switchboard.domain.modelcall.RealtimeVoiceModel;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What will not work as an assistant is configured, said before a call finds out: no key for its
 * model's provider (the offline model then answers its calls). Asks the same models that
 * answer calls, so the warning and the call's timeline cannot disagree.
 */
@Singleton
final class AssistantWarnings {
    private final LanguageModel model;
    private final List<RealtimeVoiceModel> voiceModels;

    AssistantWarnings(LanguageModel model, List<RealtimeVoiceModel> voiceModels) {
        this.model = model;
        this.voiceModels = voiceModels;
    }

    List<String> of(Assistant assistant) {
        var warnings = new ArrayList<String>();
        var provider = assistant.model().provider();
        if (assistant.runtime() == Runtime.RELAY) {
            model.standIn(assistant.tenantId(), assistant.model()).ifPresent(s -> warnings.add(s.reason()));
        } else if (assistant.runtime() == Runtime.STREAM) {
            var voice = voiceModels.stream().filter(m -> m.serves(provider)).findFirst();
            if (voice.isEmpty())
                warnings.add("no speech-to-speech model for provider " + provider + ": stream calls are transferred with an apology");
            else if (!RealtimeVoiceModel.OFFLINE.equals(provider.toLowerCase(Locale.ROOT)) && !voice.get().hasKey(assistant.tenantId()))
                warnings.add("no " + provider + " key for this tenant or the platform: calls use the offline speech model");
        }
        return warnings;
    }
}
