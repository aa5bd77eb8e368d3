package dev.switchboard.app;

import io.micronaut.runtime.Micronaut;

/** Starts the Switchboard server. */
public final class Switchboard {
    private Switchboard() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Switchboard.class).banner(false).start();
    }
}
