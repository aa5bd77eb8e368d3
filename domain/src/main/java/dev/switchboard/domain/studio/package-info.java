/**
 * The Studio's link to Vapi: what an assistant becomes once hosted there ({@link HostedAssistantSpec}),
 * the {@link VoiceAgentHost} port, the sync use cases that never claim more than Vapi confirmed,
 * and the stored sync state.
 */
package dev.switchboard.domain.studio;
