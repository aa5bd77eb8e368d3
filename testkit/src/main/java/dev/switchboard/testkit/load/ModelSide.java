package dev.switchboard.testkit.load;

import dev.switchboard.testkit.realtime.MeteredOpenAiRealtime;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The fake Realtime of a stream load run, where the server's model sessions land: in this
 * process ({@link #inProcess}), or in a process of its own ({@link #remote}, started with
 * {@link FakeRealtimeMain}) so that its CPU and the callers' are measured apart. Either way the
 * run sees one {@link FrameTally}: the remote fake counts its half of each call and this process
 * reads it.
 */
public sealed interface ModelSide {
    /** A run begins: the fake counts into {@code tally} (its run number and calls). */
    void begin(FrameTally tally);

    /** The run's calls are about to hang up: the fake starts no new answer (returns once it knows). */
    /** The steady part of the plateau: frames sent from {@code fromNanos} until {@code toNanos} (the tally is told already). */
    void steady(FrameTally tally, long fromNanos, long toNanos);

    void ending(FrameTally tally);

    /** Brings the fake's counts of agent frames sent and answers under way into {@code tally}. */
    void refresh(FrameTally tally);

    /** At the run's end: brings everything the fake counted (and the delays it measured) into {@code tally}, once. */
    void finish(FrameTally tally);

    /** Model sessions the server has open now. */
    int openSessions();

    /** The fake in this process. */
    static ModelSide inProcess(MeteredOpenAiRealtime model) {
        return new InProcess(model);
    }

    /** The fake {@link FakeRealtimeMain} runs, answering its control requests at {@code control} ({@code http://127.0.0.1:<port>}). */
    static ModelSide remote(URI control) {
        return new Remote(control);
    }

    /** In this process: the fake counts straight into the run's tally. */
    record InProcess(MeteredOpenAiRealtime model) implements ModelSide {
        @Override
        public void begin(FrameTally tally) {
            model.meter(tally);
        }

        @Override
        public void steady(FrameTally tally, long fromNanos, long toNanos) {
            // The fake counts into this very tally.
        }

        @Override
        public void ending(FrameTally tally) {
            tally.endingAll();
        }

        @Override
        public void refresh(FrameTally tally) {
        }

        @Override
        public void finish(FrameTally tally) {
        }

        @Override
        public int openSessions() {
            return model.openSessions();
        }
    }

    /** In another process: a few control requests over loopback HTTP, none per frame. */
    final class Remote implements ModelSide {
        private final URI control;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        Remote(URI control) {
            this.control = control;
        }

        @Override
        public void begin(FrameTally tally) {
            request("POST", "/meter/run?run=" + tally.run + "&calls=" + tally.calls());
        }

        @Override
        public void steady(FrameTally tally, long fromNanos, long toNanos) {
            request("POST", "/meter/steady?from=" + fromNanos + "&to=" + toNanos);
        }

        @Override
        public void ending(FrameTally tally) {
            request("POST", "/meter/ending");
        }

        @Override
        public void refresh(FrameTally tally) {
            read(tally, "/meter/state");
        }

        @Override
        public void finish(FrameTally tally) {
            read(tally, "/meter/state?delays=true");
        }

        @Override
        public int openSessions() {
            try {
                return new DataInputStream(new ByteArrayInputStream(request("GET", "/meter/open"))).readInt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void read(FrameTally tally, String path) {
            try {
                tally.readModelSide(new DataInputStream(new ByteArrayInputStream(request("GET", path))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] request(String method, String path) {
            try {
                var response = http.send(HttpRequest.newBuilder(control.resolve(path)).timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200)
                    throw new IllegalStateException("the fake Realtime at " + control + " answered " + path + " with " + response.statusCode());
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException("the fake Realtime at " + control + " did not answer " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
