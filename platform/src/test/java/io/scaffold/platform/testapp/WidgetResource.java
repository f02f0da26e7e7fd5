package io.scaffold.platform.testapp;

import io.scaffold.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/widgets")
public class WidgetResource {
    public enum Color { RED, GREEN }

    public record NewWidget(@NotBlank @Size(max = 20) String name, Color color,
            @Size(max = 3) List<@NotBlank @Size(max = 5) String> tags, Integer count, UUID ownerId,
            Boolean active) {
    }

    private final WidgetService widgets;
    private final CurrentUser currentUser;

    public WidgetResource(WidgetService widgets, CurrentUser currentUser) {
        this.widgets = widgets;
        this.currentUser = currentUser;
    }

    @POST
    public Map<String, String> create(@NotNull @Valid NewWidget widget, @QueryParam("fail") boolean fail) {
        return Map.of("id", widgets.create(widget.name(), fail).toString());
    }

    @POST
    @Path("{id}/rename/{name}")
    public void rename(@PathParam("id") UUID id, @PathParam("name") String name) {
        widgets.rename(id, name);
    }

    /** Widgets by name, read from the database; {@code since} is parsed as every service parses instants. */
    @GET
    @Path("search")
    public List<String> search(@QueryParam("q") String q, @QueryParam("since") String since) {
        io.scaffold.platform.http.QueryParams.optionalInstant("since", since);
        return widgets.namesLike(q == null ? "" : q);
    }

    @jakarta.ws.rs.DELETE
    @Path("{id}")
    public void delete(@PathParam("id") UUID id) {
        widgets.delete(id);
    }

    @GET
    @Path("whoami")
    public Map<String, Object> whoami() {
        return Map.of("id", currentUser.id(), "roles", currentUser.roles(),
                "requestId", String.valueOf(org.jboss.logging.MDC.get(io.scaffold.platform.http.RequestIds.MDC_KEY)));
    }

    @GET
    public List<String> list(@QueryParam("limit") @Min(1) @Max(100) Integer limit) {
        return List.of();
    }
}
