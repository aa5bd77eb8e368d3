package dev.switchboard.app.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Who is knocking, for rate limits: the TCP peer's address, or — behind a reverse proxy, and only
 * when the operator names it ({@code SWITCHBOARD_CLIENT_ADDRESS_HEADER}, e.g. {@code X-Forwarded-For}
 * or {@code X-Real-IP}) — the address the proxy wrote into that header. Of a list, the last entry
 * is taken: it is the one our proxy appended; the ones before it are whatever the client claimed.
 * Without the setting the header is ignored, since anyone can send it.
 */
@Singleton
public final class ClientAddress {
    private final String header;

    ClientAddress(@Value("${switchboard.client-address-header:}") String header) {
        this.header = header == null || header.isBlank() ? null : header.strip();
    }

    public String of(HttpRequest<?> request) {
        if (header != null) {
            var values = request.getHeaders().getAll(header);
            if (!values.isEmpty()) {
                var list = values.get(values.size() - 1).split(",");
                var last = list[list.length - 1].strip();
                if (!last.isEmpty()) return last;
            }
        }
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
