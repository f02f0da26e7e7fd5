package io.scaffold.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassDataArchiveTest {
    static final Runtime.Version JDK17 = Runtime.Version.parse("17.0.15+6");
    static final Runtime.Version JDK21 = Runtime.Version.parse("21.0.9+10");

    @TempDir
    Path dir;

    private Path build() throws IOException {
        Path jar = dir.resolve("quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent().resolve("lib/main"));
        Files.writeString(jar, "jar");
        Files.writeString(jar.getParent().resolve("lib/main/a.jar"), "lib");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
        Files.setLastModifiedTime(jar.getParent().resolve("lib/main/a.jar"),
                FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
        return jar;
    }

    private Path archiveWrittenAt(String instant) throws IOException {
        Path archive = dir.resolve("state/cds/requests-service-17.0.15_6.jsa");
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse(instant)));
        return archive;
    }

    @Test
    void onJdk17TheFirstStartWritesTheArchiveWhenItStops() throws IOException {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("state"), "requests-service", build(), JDK17);
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + archive.path(), "-Xlog:cds*=error"),
                archive.jvmOptions(true));
    }

    @Test
    void onJdk17AnArchiveWrittenAfterTheBuildIsUsedAndNotRewritten() throws IOException {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("state"), "requests-service", build(), JDK17);
        archiveWrittenAt("2026-12-01T11:00:00Z");
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive.path(), "-Xlog:cds*=error"),
                archive.jvmOptions(true));
    }

    @Test
    void onJdk17AnArchiveOlderThanTheBuildIsDroppedAndWrittenAgain() throws IOException {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("state"), "requests-service", build(), JDK17);
        Path stale = archiveWrittenAt("2026-12-01T09:00:00Z");
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + archive.path(), "-Xlog:cds*=error"),
                archive.jvmOptions(true));
        assertFalse(Files.exists(stale));
    }

    @Test
    void anExtraInstanceOnlyReadsAnArchiveAndNeverWritesOne() throws IOException {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("state"), "requests-service", build(), JDK17);
        assertEquals(List.of(), archive.jvmOptions(false));
        archiveWrittenAt("2026-12-01T11:00:00Z");
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive.path(), "-Xlog:cds*=error"),
                archive.jvmOptions(false));
    }

    @Test
    void eachJvmVersionHasAnArchiveOfItsOwnAndTheOtherVersionsGoWhenOneIsWritten() throws IOException {
        Path jdk17 = archiveWrittenAt("2026-12-01T11:00:00Z");
        Path otherService = Files.writeString(dir.resolve("state/cds/requests-service-replica-17.0.15_6.jsa"), "x");
        ClassDataArchive onJdk21 = new ClassDataArchive(dir.resolve("state"), "requests-service", build(), JDK21);
        assertEquals(List.of(), onJdk21.jvmOptions(false));
        assertTrue(Files.exists(jdk17));
        assertEquals(List.of("-XX:SharedArchiveFile=" + onJdk21.path(), "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds*=error"), onJdk21.jvmOptions(true));
        assertFalse(Files.exists(jdk17));
        assertEquals(dir.resolve("state/cds/requests-service-21.0.9_10.jsa"), onJdk21.path());
        assertTrue(Files.exists(otherService));
    }

    @Test
    void fromJdk19TheJvmKeepsTheArchiveCurrentItself() throws IOException {
        ClassDataArchive archive = new ClassDataArchive(dir.resolve("state"), "requests-service", build(), JDK21);
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive.path(), "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds*=error"), archive.jvmOptions(true));
    }

    @Test
    void aFlightRecordingFromTheStartOrAnAgentTurnsTheArchiveOff() {
        assertTrue(ClassDataArchive.compatibleWith("-Xms64m -Xmx384m -XX:+UseSerialGC"));
        assertFalse(ClassDataArchive.compatibleWith("-Xmx384m -XX:StartFlightRecording=filename=a.jfr"));
        assertFalse(ClassDataArchive.compatibleWith("-javaagent:/opt/agent.jar -Xmx384m"));
        assertFalse(ClassDataArchive.compatibleWith("-agentlib:jdwp=transport=dt_socket"));
    }
}
