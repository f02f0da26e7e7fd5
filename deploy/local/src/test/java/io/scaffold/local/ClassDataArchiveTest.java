package io.scaffold.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassDataArchiveTest {
    static final String FINGERPRINT = "17-0123456789ab";
    static final String QUIET = "-Xlog:cds*=error";

    @TempDir
    Path dir;

    private Path build() throws IOException {
        Path jar = dir.resolve("quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent().resolve("lib/main"));
        Files.writeString(jar, "jar");
        Files.writeString(jar.getParent().resolve("lib/main/a.jar"), "lib");
        for (Path file : List.of(jar, jar.getParent().resolve("lib/main/a.jar"))) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
        }
        return jar;
    }

    private ClassDataArchive archive(String fingerprint) throws IOException {
        return new ClassDataArchive(dir.resolve("state"), "requests-service", build(), fingerprint);
    }

    private static Path writtenAt(Path file, String instant) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "archive");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(instant)));
        return file;
    }

    @Test
    void withoutAnArchiveTheStackInstanceWritesAPendingOneAtExit() throws IOException {
        ClassDataArchive archive = archive(FINGERPRINT);
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + archive.pendingPath(), QUIET), archive.jvmOptions(true));
        assertEquals(dir.resolve("state/cds/requests-service-17-0123456789ab.jsa"), archive.path());
    }

    /** A stack instance started without an archive, wrote a pending one at exit, and stopped. */
    private ClassDataArchive afterARunThatWroteOne(boolean complete) throws IOException {
        ClassDataArchive archive = archive(FINGERPRINT);
        archive.jvmOptions(true);
        writtenAt(archive.pendingPath(), "2026-12-01T11:00:00Z");
        archive.settle(complete);
        assertFalse(Files.exists(archive.pendingPath()));
        return archive;
    }

    @Test
    void whatACompleteRunWroteBecomesTheArchiveAndIsUsedByTheNextStart() throws IOException {
        ClassDataArchive archive = afterARunThatWroteOne(true);
        assertTrue(Files.exists(archive.path()));
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive.path(), QUIET), archive.jvmOptions(true));
    }

    @Test
    void whatAnIncompleteRunWroteIsDroppedAndNeverUsed() throws IOException {
        ClassDataArchive archive = afterARunThatWroteOne(false);
        assertFalse(Files.exists(archive.path()));
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + archive.pendingPath(), QUIET), archive.jvmOptions(true));
    }

    @Test
    void anArchiveOlderThanTheBuildIsDroppedAndWrittenAgain() throws IOException {
        ClassDataArchive archive = archive(FINGERPRINT);
        Path stale = writtenAt(archive.path(), "2026-12-01T09:00:00Z");
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + archive.pendingPath(), QUIET), archive.jvmOptions(true));
        assertFalse(Files.exists(stale));
    }

    @Test
    void anExtraInstanceOnlyReadsAUsableArchiveAndNeverWritesOne() throws IOException {
        ClassDataArchive archive = archive(FINGERPRINT);
        assertEquals(List.of(), archive.jvmOptions(false));
        writtenAt(archive.path(), "2026-12-01T09:00:00Z");
        assertEquals(List.of(), archive.jvmOptions(false), "stale");
        writtenAt(archive.path(), "2026-12-01T11:00:00Z");
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive.path(), QUIET), archive.jvmOptions(false));
    }

    @Test
    void archivesOfOtherJvmsOrOptionsGoWhenOneIsWrittenAndOtherServicesKeepTheirs() throws IOException {
        Path otherJvm = writtenAt(dir.resolve("state/cds/requests-service-21-ba9876543210.jsa"), "2026-12-01T11:00:00Z");
        Path otherService = writtenAt(dir.resolve("state/cds/requests-service-replica-17-0123456789ab.jsa"),
                "2026-12-01T11:00:00Z");
        ClassDataArchive archive = archive(FINGERPRINT);
        assertEquals(List.of(), archive.jvmOptions(false));
        assertTrue(Files.exists(otherJvm));
        archive.jvmOptions(true);
        assertFalse(Files.exists(otherJvm));
        assertTrue(Files.exists(otherService));
    }

    @Test
    void theFingerprintChangesWithTheJvmItsHomeAndItsOptions() {
        Runtime.Version jdk17 = Runtime.Version.parse("17.0.15+6-LTS");
        String base = ClassDataArchive.fingerprint(jdk17, Path.of("/jdk"), "-Xmx384m -XX:+UseSerialGC");
        assertTrue(base.matches("17-[0-9a-f]{12}"), base);
        assertNotEquals(base, ClassDataArchive.fingerprint(Runtime.Version.parse("17.0.16+8"), Path.of("/jdk"),
                "-Xmx384m -XX:+UseSerialGC"));
        assertNotEquals(base, ClassDataArchive.fingerprint(jdk17, Path.of("/other-jdk"), "-Xmx384m -XX:+UseSerialGC"));
        assertNotEquals(base, ClassDataArchive.fingerprint(jdk17, Path.of("/jdk"), "-Xmx384m -XX:+UseG1GC"));
    }

    @Test
    void aFlightRecordingFromTheStartAnAgentOrCdsOptionsOfTheirOwnTurnTheArchiveOff() {
        assertTrue(ClassDataArchive.compatibleWith("-Xms64m -Xmx384m -XX:+UseSerialGC", Map.of()));
        assertFalse(ClassDataArchive.compatibleWith("-Xmx384m -XX:StartFlightRecording=filename=a.jfr", Map.of()));
        assertFalse(ClassDataArchive.compatibleWith("-javaagent:/opt/agent.jar -Xmx384m", Map.of()));
        assertFalse(ClassDataArchive.compatibleWith("-agentpath:/opt/libprofiler.so", Map.of()));
        assertFalse(ClassDataArchive.compatibleWith("-Xshare:off", Map.of()));
        assertFalse(ClassDataArchive.compatibleWith("-Xmx384m", Map.of("JAVA_TOOL_OPTIONS", "-javaagent:a.jar")));
        assertFalse(ClassDataArchive.compatibleWith("-Xmx384m",
                Map.of("JDK_JAVA_OPTIONS", "-XX:SharedArchiveFile=/tmp/x.jsa")));
    }
}
