package io.scaffold.notifications.rest;

import io.scaffold.notifications.service.Unsubscribe;
import io.scaffold.notifications.service.UnsubscribeLinks;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The unsubscribe link of every mail, without signing in: the sealed token names the person and what to stop. GET
 * only shows a page with a button (mail scanners open links; they must not unsubscribe anyone); POST, the one-click
 * request mail providers send (RFC 8058), turns it off.
 */
@Path("/api/notifications/unsubscribe")
@Tag(name = "Preferences", description = "How the caller hears of things: per kind, per community, quiet hours")
public class UnsubscribeResource {
    private final UnsubscribeLinks links;
    private final Unsubscribe unsubscribe;

    public UnsubscribeResource(UnsubscribeLinks links, Unsubscribe unsubscribe) {
        this.links = links;
        this.unsubscribe = unsubscribe;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @SecurityRequirementsSet
    @Operation(operationId = "showUnsubscribe", summary = "The page an unsubscribe link opens",
            description = "Says what the link stops, with a button that confirms (a POST). Changes nothing itself.")
    @APIResponse(responseCode = "200", description = "An HTML page with the confirmation button",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type =
                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The token is missing, altered or not one of this suite's")
    public String page(@Parameter(description = "The token of the mail's unsubscribe link", required = true)
            @QueryParam("token") String token) {
        UnsubscribeLinks.Subscription subscription = links.open(required(token));
        String what = Unsubscribe.describe(subscription);
        return page("Stop " + what + "?", "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\""
                + " value=\"One-Click\"><p>You will no longer get " + what + ". Your notifications stay in the app."
                + "</p><button type=\"submit\">Unsubscribe</button></form>");
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @SecurityRequirementsSet
    @Operation(operationId = "unsubscribe", summary = "Turn off the e-mails a link names (RFC 8058 one-click)",
            description = "Sets e-mail to OFF for the link's kind, or for every kind mailed in the digest. In-app "
                    + "notifications are untouched. Idempotent. Mail providers send the body "
                    + "List-Unsubscribe=One-Click; any body is accepted.")
    @APIResponse(responseCode = "200", description = "Done; an HTML page saying so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type =
                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The token is missing, altered or not one of this suite's")
    public String unsubscribe(@Parameter(description = "The token of the mail's unsubscribe link", required = true)
            @QueryParam("token") String token) {
        UnsubscribeLinks.Subscription subscription = links.open(required(token));
        unsubscribe.apply(subscription);
        return page("Unsubscribed", "<p>You will no longer get " + Unsubscribe.describe(subscription)
                + ". Change it back any time in your notification settings.</p>");
    }

    private static String required(String token) {
        if (token == null || token.isBlank() || token.length() > 1000) {
            throw ApiProblem.invalid("token", "is required: the token of the mail's unsubscribe link");
        }
        return token;
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body style=\"font-family: sans-serif; max-width: 480px; margin: 40px auto;\"><h1>" + title
                + "</h1>" + body + "</body></html>";
    }
}
