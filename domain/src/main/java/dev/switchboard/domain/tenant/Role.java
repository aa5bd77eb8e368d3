package dev.switchboard.domain.tenant;

/** What a user may do in their tenant. The owner created it; admins manage it; members use it. */
public enum Role {
    OWNER, ADMIN, MEMBER;

    /** Owners and admins change configuration (assistants, numbers, connections). */
    public boolean canConfigure() {
        return this != MEMBER;
    }
}
