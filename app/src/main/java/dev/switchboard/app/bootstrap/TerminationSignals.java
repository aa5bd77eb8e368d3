package dev.switchboard.app.bootstrap;

import io.micronaut.context.ApplicationContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT run {@link GracefulStop} before the JVM's shutdown hooks (which stop the
 * server at once); a second signal stops at once.
 */
public final class TerminationSignals {
    private static final Logger LOG = LoggerFactory.getLogger(TerminationSignals.class);

    private TerminationSignals() {}

    public static void install(ApplicationContext context) {
        var stopping = new AtomicBoolean();
        for (var name : new String[] {"TERM", "INT"}) {
            int status = name.equals("TERM") ? 143 : 130;
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (!stopping.compareAndSet(false, true)) {
                        LOG.warn("second SIG{}: stopping now", name);
                        Runtime.getRuntime().halt(status);
                    }
                    var stop = new Thread(() -> {
                        try {
                            context.getBean(GracefulStop.class).run();
                        } catch (RuntimeException e) {
                            LOG.error("graceful stop failed; stopping anyway", e);
                        } finally {
                            System.exit(status);
                        }
                    }, "graceful-stop");
                    stop.start();
                });
            } catch (IllegalArgumentException unsupported) {
                LOG.debug("SIG{} cannot be handled on this platform", name);
            }
        }
    }
}
