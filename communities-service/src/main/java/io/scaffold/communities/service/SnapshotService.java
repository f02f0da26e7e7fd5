package io.scaffold.communities.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.scaffold.communities.config.CommunitiesConfig;
import io.scaffold.communities.domain.Community;
import io.scaffold.communities.domain.SharedResource;
import io.scaffold.communities.event.CommunityEvents;
import io.scaffold.communities.event.EventPayloads;
import io.scaffold.communities.repository.CommunityRepository;
import io.scaffold.communities.repository.SnapshotRepository;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Restates every community in full on the events topic ({@code scaffold.community.snapshot.v1}, keyed by community id
 * like every other event of the community, so it lands in order with them): a consumer that rebuilds its projection
 * from the topic finds a complete state inside the retention. Runs periodically and when an operator asks.
 *
 * <p>Each page is written in one transaction that locks the community row, as every change to a community's
 * members, skills or resources does: a page never interleaves with a change, so it says exactly what was true at
 * its place in the stream.
 */
@ApplicationScoped
public class SnapshotService {
    static final String SYSTEM = "scaffold";
    private static final Logger LOG = Logger.getLogger(SnapshotService.class);
    private static final int STALE_AFTER_SECONDS = 120;
    private static final int COMMUNITIES_PER_READ = 100;

    private final SnapshotRepository snapshots;
    private final CommunityRepository communities;
    private final CommunityEvents events;
    private final CommunitiesConfig.Snapshot config;

    public SnapshotService(SnapshotRepository snapshots, CommunityRepository communities, CommunityEvents events,
            CommunitiesConfig config) {
        this.snapshots = snapshots;
        this.communities = communities;
        this.events = events;
        this.config = config.snapshot();
    }

    /** Asks for a run; while one is asked for or running, that one is the answer. */
    public SnapshotRepository.Run request(String requestedBy) {
        SnapshotRepository.Run run = QuarkusTransaction.requiringNew().call(() -> snapshots.request(requestedBy));
        LOG.infof("snapshot %s asked for by %s (%s)", run.id(), requestedBy, run.status());
        return run;
    }

    public SnapshotRepository.Run find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> snapshots.find(id))
                .orElseThrow(() -> ApiProblem.notFound("Snapshot", id));
    }

    public List<SnapshotRepository.Run> latest(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> snapshots.latest(limit));
    }

    /** Starts the periodic run when due, then does whatever run is waiting (on one replica). */
    @Scheduled(every = "${scaffold.communities.snapshot.poll:5s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        Optional<Instant> periodStart = QuarkusTransaction.requiringNew().call(snapshots::periodStart);
        if (periodStart.isPresent() && periodStart.get().plus(config.every()).isBefore(Instant.now())) {
            request(SYSTEM);
        }
        QuarkusTransaction.requiringNew().call(() -> snapshots.claim(STALE_AFTER_SECONDS)).ifPresent(this::run);
    }

    private void run(UUID runId) {
        long began = System.nanoTime();
        int done = 0;
        int written = 0;
        UUID after = null;
        while (true) {
            UUID from = after;
            List<UUID> ids = QuarkusTransaction.requiringNew()
                    .call(() -> snapshots.communityIdsAfter(from, COMMUNITIES_PER_READ));
            if (ids.isEmpty()) {
                break;
            }
            for (UUID communityId : ids) {
                written += restate(runId, communityId);
                done++;
                int communitiesSoFar = done;
                int eventsSoFar = written;
                QuarkusTransaction.requiringNew().run(() -> snapshots.progress(runId, communitiesSoFar,
                        eventsSoFar));
            }
            after = ids.get(ids.size() - 1);
        }
        int communitiesDone = done;
        int eventsWritten = written;
        QuarkusTransaction.requiringNew().run(() -> snapshots.complete(runId, communitiesDone, eventsWritten));
        LOG.infof("snapshot %s: %d communities restated in %d events, in %d ms", runId, done, written,
                (System.nanoTime() - began) / 1_000_000);
    }

    /** @return how many events restated the community */
    private int restate(UUID runId, UUID communityId) {
        Cursor cursor = new Cursor();
        while (!cursor.finished()) {
            QuarkusTransaction.requiringNew().run(() -> writePage(runId, communityId, cursor));
        }
        return cursor.part - 1;
    }

    /** Where a community's restatement stands: the last member and resource written, and which sections are done. */
    private static final class Cursor {
        int part = 1;
        String memberAfter;
        UUID resourceAfter;
        boolean membersDone;
        boolean resourcesDone;

        boolean finished() {
            return membersDone && resourcesDone;
        }
    }

    private void writePage(UUID runId, UUID communityId, Cursor cursor) {
        Optional<Community> locked = communities.findForUpdate(communityId);
        if (locked.isEmpty()) {
            cursor.membersDone = true;
            cursor.resourcesDone = true;
            return;
        }
        Community community = locked.get();
        EventPayloads.MemberPage members = null;
        if (!cursor.membersDone) {
            List<SnapshotRepository.MemberRow> rows = snapshots.activeMembersAfter(communityId, cursor.memberAfter,
                    config.membersPerEvent());
            boolean full = rows.size() == config.membersPerEvent();
            String through = full ? rows.get(rows.size() - 1).userId() : null;
            members = new EventPayloads.MemberPage(cursor.memberAfter, through, rows.stream()
                    .map(m -> new EventPayloads.SnapshotMember(m.userId(), m.role(), m.skills().stream()
                            .map(s -> new EventPayloads.Skill(s.skill(), s.level())).toList()))
                    .toList());
            cursor.memberAfter = through;
            cursor.membersDone = !full;
        }
        EventPayloads.ResourcePage resources = null;
        if (!cursor.resourcesDone) {
            List<SharedResource> rows = snapshots.resourcesAfter(communityId, cursor.resourceAfter,
                    config.resourcesPerEvent());
            boolean full = rows.size() == config.resourcesPerEvent();
            UUID through = full ? rows.get(rows.size() - 1).id : null;
            resources = new EventPayloads.ResourcePage(cursor.resourceAfter == null ? null
                    : cursor.resourceAfter.toString(), through == null ? null : through.toString(),
                    rows.stream().map(SnapshotService::resource).toList());
            cursor.resourceAfter = through;
            cursor.resourcesDone = !full;
        }
        events.snapshot(community, new EventPayloads.CommunitySnapshot(runId.toString(), community.id.toString(),
                community.name, community.visibility.name(), community.tags, community.isArchived(), cursor.part,
                cursor.finished(), members, resources, Instant.now()));
        cursor.part++;
    }

    private static EventPayloads.SnapshotResource resource(SharedResource r) {
        return new EventPayloads.SnapshotResource(r.id.toString(), r.type.name(), r.title, r.tags, r.url,
                r.contactUserId, r.sourceRequestId == null ? null : r.sourceRequestId.toString(), r.authorId);
    }
}
