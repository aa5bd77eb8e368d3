package dev.switchboard.app.api;

import dev.switchboard.app.Api;
import dev.switchboard.app.ApiDocument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Records API exchanges as they went over the wire (method, path with query, request body, whether a
 * bearer token was sent; status, content type, response body), so a test can tell which operations
 * of the OpenAPI document they covered. ({@link Api} checks each one against the document as it happens.)
 */
final class Exchanges {
    private final List<ApiDocument.Exchange> recorded = new ArrayList<>();
    private final JsonMapper json;

    Exchanges(JsonMapper json) {
        this.json = json;
    }

    List<ApiDocument.Exchange> recorded() {
        return List.copyOf(recorded);
    }

    /** A client whose every request is recorded here. */
    Client through(Api api) {
        return new Client(api);
    }

    final class Client {
        private final Api api;

        private Client(Api api) {
            this.api = api;
        }

        Client as(String bearer) {
            return new Client(api.as(bearer));
        }

        Api.Answer get(String path) {
            return send("GET", path, null);
        }

        Api.Answer delete(String path) {
            return send("DELETE", path, null);
        }

        Api.Answer post(String path, Object body) {
            return send("POST", path, body);
        }

        Api.Answer put(String path, Object body) {
            return send("PUT", path, body);
        }

        /** A file (a call's recording): checked by {@link Api}, recorded with its body as {@link ApiDocument#bodyText} reads it. */
        Api.Download download(String path) {
            var answer = api.download(path);
            recorded.add(new ApiDocument.Exchange("GET", path, null, api.token() != null, answer.status(), answer.contentType(),
                    ApiDocument.bodyText(answer.contentType(), answer.body())));
            return answer;
        }

        Api.Answer send(String method, String path, Object body) {
            String text;
            try {
                text = body == null ? null : body instanceof String s ? s : new String(json.writeValueAsBytes(body), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var answer = api.send(method, path, text);
            recorded.add(new ApiDocument.Exchange(method, path, text, api.token() != null, answer.status(), answer.contentType(), answer.raw()));
            return answer;
        }
    }
}
