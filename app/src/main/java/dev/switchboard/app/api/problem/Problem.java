package dev.switchboard.app.api.problem;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The RFC 9457 problem+json shape of every error answer, as {@link ProblemBodyProvider} writes it.
 * Here for the OpenAPI document only: the provider builds a map (the Vapi sync adds its report).
 */
@Schema(name = "Problem", description = "An error (RFC 9457 problem+json). A 400 lists every bad field under errors.")
public record Problem(
        @Schema(example = "https://switchboard.dev/problems/invalid-request", requiredMode = Schema.RequiredMode.REQUIRED) String type,
        @Schema(example = "Bad Request", requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(example = "400", requiredMode = Schema.RequiredMode.REQUIRED) int status,
        @Schema(example = "name: is required", requiredMode = Schema.RequiredMode.REQUIRED) String detail,
        @Schema(example = "/api/v1/assistants", requiredMode = Schema.RequiredMode.REQUIRED) String instance,
        @ArraySchema(schema = @Schema(implementation = Field.class)) List<Field> errors) {

    /** The media type of every error answer. */
    public static final String MEDIA_TYPE = ProblemBodyProvider.PROBLEM_JSON;

    /** One bad field, named by its JSON path (or query parameter), in the API's own words. */
    @Schema(name = "ProblemField")
    public record Field(@Schema(example = "voice.speed", requiredMode = Schema.RequiredMode.REQUIRED) String field,
                        @Schema(example = "must be within 0.25..4", requiredMode = Schema.RequiredMode.REQUIRED) String message) {}
}
