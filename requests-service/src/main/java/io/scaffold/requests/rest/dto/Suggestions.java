package io.scaffold.requests.rest.dto;

import io.scaffold.requests.domain.RequestStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What already exists for the problem being typed, best first in each list. */
@Schema(description = "Suggestions while a request is typed: existing answers, library resources, and the people "
        + "who would be asked")
public record Suggestions(
        @Schema(description = "The words searched for, after mistyped words were replaced by the known words "
                + "nearest to them (show it as \"Results for ...\" when it differs from what was typed)")
        String searchedFor,
        @Schema(description = "Requests that match, resolved ones with an accepted answer first") List<Answer> answers,
        @Schema(description = "Resources in the libraries of the communities the caller can see, guides first")
        List<Resource> resources,
        @Schema(description = "Who would be invited if the caller asked now with these tags (empty without tags)")
        List<Helper> people) {

    @Schema(name = "SuggestedAnswer")
    public record Answer(UUID requestId, String title, List<String> tags,
            @Schema(nullable = true) UUID communityId, @Schema(nullable = true) String communityName,
            RequestStatus status,
            @Schema(nullable = true, description = "The start of the accepted answer (up to 280 characters); null "
                    + "without one") String acceptedAnswerExcerpt,
            @Schema(description = "Relevance; only the order means anything") double score) {
    }

    @Schema(name = "SuggestedResource")
    public record Resource(UUID resourceId, UUID communityId,
            @Schema(enumeration = {"LINK", "DOCUMENT", "CONTACT", "COURSE", "GUIDE"}) String type, String title,
            List<String> tags, @Schema(nullable = true) String url,
            @Schema(description = "Relevance; only the order means anything") double score) {
    }

    @Schema(name = "SuggestedHelper")
    public record Helper(String userId,
            @Schema(description = "Why, as routing would record it", examples = "EXPERT in kafka; 2 accepted answers "
                    + "on these tags") String reason) {
    }
}
