package io.scaffold.communities.rest;

import io.scaffold.communities.domain.MembershipStatus;
import io.scaffold.communities.domain.Role;
import io.scaffold.communities.rest.dto.ExpertView;
import io.scaffold.communities.rest.dto.Invitation;
import io.scaffold.communities.rest.dto.MemberView;
import io.scaffold.communities.rest.dto.RoleChange;
import io.scaffold.communities.rest.dto.SkillsUpdate;
import io.scaffold.communities.service.MembershipService;
import io.scaffold.communities.service.SkillService;
import io.scaffold.platform.http.QueryParams;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/communities/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Members", description = "Membership, roles, skills and experts")
public class MembersResource {
    private final MembershipService memberships;
    private final SkillService skills;
    private final CurrentUser user;

    public MembersResource(MembershipService memberships, SkillService skills, CurrentUser user) {
        this.memberships = memberships;
        this.skills = skills;
        this.user = user;
    }

    @POST
    @Path("members")
    @Operation(operationId = "joinCommunity", summary = "Join (public), accept an invitation, or ask to join (private)",
            description = "Answers the caller's membership: ACTIVE when they joined, PENDING when an owner or "
                    + "facilitator must approve. A private community cannot be read by outsiders, but its id works "
                    + "as a link to ask for access. Asking again returns the current state.")
    @APIResponse(responseCode = "200", description = "The caller's membership")
    @APIResponse(responseCode = "404", description = "No such community")
    @APIResponse(responseCode = "409", description = "The community is archived")
    public MemberView join(@PathParam("id") UUID id) {
        return memberships.join(id, user.id());
    }

    @GET
    @Path("members")
    @Operation(operationId = "listMembers", summary = "List members (for private communities: members only)",
            description = "Active members by user id; status=PENDING or INVITED lists requests and invitations "
                    + "(owners and facilitators).")
    @APIResponse(responseCode = "200", description = "A page of members")
    @APIResponse(responseCode = "400", description = "Invalid parameter")
    @APIResponse(responseCode = "403", description = "Not a member of this private community, or not allowed to "
            + "see requests")
    @APIResponse(responseCode = "404", description = "Not found")
    public CursorPage<MemberView> list(@PathParam("id") UUID id,
            @Parameter(description = "OWNER, FACILITATOR or MEMBER (any case)",
                    schema = @Schema(implementation = Role.class))
            @QueryParam("role") String role,
            @Parameter(description = "Only members who declared this skill") @QueryParam("skill") String skill,
            @Parameter(description = "ACTIVE (default), PENDING or INVITED (any case)",
                    schema = @Schema(implementation = MembershipStatus.class))
            @QueryParam("status") String status,
            @Parameter(description = "Page size, 1-100 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return memberships.list(id, user.id(), QueryParams.optionalEnum("status", status, MembershipStatus.class),
                QueryParams.optionalEnum("role", role, Role.class), skill, QueryParams.optionalInt("limit", limit),
                cursor);
    }

    @GET
    @Path("members/{userId}")
    @Operation(operationId = "getMember", summary = "Read one member with their skills",
            description = "Anyone signed in for a public community; active members for a private one. A pending "
                    + "request or an invitation is visible only to that person and to owners and facilitators.")
    @APIResponse(responseCode = "200", description = "The member")
    @APIResponse(responseCode = "403", description = "Not a member of this private community")
    @APIResponse(responseCode = "404", description = "Not found")
    public MemberView get(@PathParam("id") UUID id, @PathParam("userId") String userId) {
        return memberships.get(id, userId, user.id());
    }

    @DELETE
    @Path("members/{userId}")
    @Operation(operationId = "removeMember", summary = "Leave (your own user id) or remove a member",
            description = "Leaving also withdraws a request or declines an invitation. Owners and facilitators remove "
                    + "members; only owners remove facilitators and owners. The last owner cannot leave.")
    @APIResponse(responseCode = "204", description = "Gone")
    @APIResponse(responseCode = "403", description = "Not allowed to remove this member")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The last owner cannot leave or be removed")
    public void remove(@PathParam("id") UUID id, @PathParam("userId") String userId) {
        memberships.leaveOrRemove(id, userId, user.id());
    }

    @POST
    @Path("members/{userId}/approve")
    @Operation(operationId = "approveMember", summary = "Approve a request to join (owners and facilitators)",
            description = "The PENDING request becomes an ACTIVE membership, counted in memberCount.")
    @APIResponse(responseCode = "200", description = "The new member")
    @APIResponse(responseCode = "403", description = "Not an owner or facilitator")
    @APIResponse(responseCode = "404", description = "No pending request from this person")
    @APIResponse(responseCode = "409", description = "The community is archived")
    public MemberView approve(@PathParam("id") UUID id, @PathParam("userId") String userId) {
        return memberships.approve(id, userId, user.id());
    }

    @POST
    @Path("members/{userId}/reject")
    @Operation(operationId = "rejectMember", summary = "Reject a request to join (owners and facilitators)",
            description = "Deletes the PENDING request; the person may ask again.")
    @APIResponse(responseCode = "204", description = "Rejected")
    @APIResponse(responseCode = "403", description = "Not an owner or facilitator")
    @APIResponse(responseCode = "404", description = "No pending request from this person")
    @APIResponse(responseCode = "409", description = "The community is archived")
    public void reject(@PathParam("id") UUID id, @PathParam("userId") String userId) {
        memberships.reject(id, userId, user.id());
    }

    @PUT
    @Path("members/{userId}/role")
    @Operation(operationId = "changeMemberRole", summary = "Change a member's role (owners only)",
            description = "Owners only, for an active member. Setting the role they already have changes nothing; "
                    + "the last owner cannot be demoted.")
    @APIResponse(responseCode = "200", description = "The member with the new role")
    @APIResponse(responseCode = "400", description = "Invalid role")
    @APIResponse(responseCode = "403", description = "Not an owner")
    @APIResponse(responseCode = "404", description = "Not a member")
    @APIResponse(responseCode = "409", description = "The last owner cannot be demoted")
    public MemberView changeRole(@PathParam("id") UUID id, @PathParam("userId") String userId,
            @NotNull @Valid RoleChange change) {
        return memberships.changeRole(id, userId, change.role(), user.id());
    }

    @PUT
    @Path("members/{userId}/skills")
    @Operation(operationId = "declareSkills", summary = "Declare your skills in this community (replaces the list)",
            description = "Only for your own user id, as an active member of an active (not archived) community. "
                    + "Skills are normalised like tags; a skill named twice keeps its last level.")
    @APIResponse(responseCode = "200", description = "The member with their skills")
    @APIResponse(responseCode = "400", description = "Invalid skills")
    @APIResponse(responseCode = "403", description = "Not your own skills, or not a member")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "The community is archived")
    public MemberView declareSkills(@PathParam("id") UUID id, @PathParam("userId") String userId,
            @NotNull @Valid SkillsUpdate update) {
        return skills.declare(id, userId, update.skills(), user.id());
    }

    @POST
    @Path("invitations")
    @Operation(operationId = "inviteMember", summary = "Invite a person (owners and facilitators)",
            description = "They become a member when they join. Inviting someone who asked to join approves them.")
    @APIResponse(responseCode = "201", description = "The invitation (or the approved member)",
            content = @Content(schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input")
    @APIResponse(responseCode = "403", description = "Not an owner or facilitator")
    @APIResponse(responseCode = "404", description = "Not found")
    @APIResponse(responseCode = "409", description = "Already a member or invited, or the community is archived")
    public Response invite(@PathParam("id") UUID id, @NotNull @Valid Invitation invitation) {
        return Response.status(Response.Status.CREATED)
                .entity(memberships.invite(id, invitation.userId(), user.id())).build();
    }

    @GET
    @Path("experts")
    @Operation(operationId = "listExperts", summary = "Members ranked for a skill",
            description = "Declared level first (EXPERT, PRACTITIONER, LEARNING), then help on the skill that "
                    + "requesters accepted, then the most recent such help, then user id.")
    @APIResponse(responseCode = "200", description = "Ranked members")
    @APIResponse(responseCode = "400", description = "Missing or invalid skill, or a limit outside 1-20")
    @APIResponse(responseCode = "403", description = "Not a member of this private community")
    @APIResponse(responseCode = "404", description = "Not found")
    public List<ExpertView> experts(@PathParam("id") UUID id,
            @Parameter(description = "The skill, e.g. kafka", required = true) @QueryParam("skill") String skill,
            @Parameter(description = "How many, 1-20 (default 20)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "20"))
            @QueryParam("limit") String limit) {
        return skills.experts(id, skill, QueryParams.optionalInt("limit", limit), user.id());
    }
}
