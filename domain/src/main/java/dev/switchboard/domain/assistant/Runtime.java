package dev.switchboard.domain.assistant;

/** Which machinery carries an assistant's calls (ARCHITECTURE.md §1). */
public enum Runtime {
    /** Twilio ConversationRelay does speech; our conversation engine and an LLM talk. */
    RELAY,
    /** Twilio Media Streams audio bridged to a speech-to-speech model. */
    STREAM,
    /** The assistant is synced to Vapi, which hosts the agent and calls back our webhooks. */
    VAPI
}
