package org.shangliang.topics.topic;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.shangliang.contracts.topic.TopicCategory;

/** The bodies of the topic calls, with API.md's field rules. */
final class TopicRequests {

    /** A place path prefix: community[/estate[/building[/entrance[/flat]]]]. */
    static final String SCOPE = "[a-z0-9][a-z0-9-]{0,63}(/[a-z0-9][a-z0-9-]{0,63}){0,4}";

    private TopicRequests() {
    }

    record NewTopic(
            @NotBlank @Size(max = 100) String title,
            @Size(max = 5000) String description,
            @NotNull TopicCategory category,
            @NotBlank @Pattern(regexp = SCOPE, message = "{topic.scope.format}") String scope) {
    }

    record ReviewRequest(@NotNull Decision decision, @Size(max = 1000) String reason) {
        enum Decision { ACCEPT, REJECT }
    }

    record ProgressRequest(@NotNull @Min(0) @Max(100) Integer percent, @NotBlank @Size(max = 2000) String note) {
    }

    record CompletionRequest(@NotBlank @Size(max = 2000) String note) {
    }

    record RatingRequest(@NotNull @Min(1) @Max(5) Integer stars, @Size(max = 1000) String comment) {
    }

    record FollowUpRequest(@NotBlank @Size(min = 2, max = 2000) String note) {
    }
}
