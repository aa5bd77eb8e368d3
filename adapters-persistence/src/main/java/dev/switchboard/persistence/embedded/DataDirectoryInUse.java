package dev.switchboard.persistence.embedded;

import java.nio.file.Path;

/**
 * Another live Switchboard holds the embedded PostgreSQL's data directory. Nothing was stopped
 * or changed: its server is not an orphan, it is in use.
 */
public final class DataDirectoryInUse extends IllegalStateException {
    DataDirectoryInUse(Path dataDir, String holder) {
        super("Switchboard is already running on " + dataDir.getParent() + " (" + holder + "). Nothing was changed. "
                + "Stop it first, or start this one with another SWITCHBOARD_DATA_DIR (and another PORT).");
    }
}
