package io.scaffold.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive per service in the stack's state directory. A start maps the archived classes instead
 * of reading, verifying and parsing them one by one out of a few hundred jars, which is about half of a service's
 * start on two cores. The services are packaged as Quarkus' {@code aot-jar}, with every class on the application
 * class path, so the archive holds the service's classes, not only the JDK's.
 * <p>
 * A start without a usable archive writes one when it stops ({@code -XX:ArchiveClassesAtExit}), to a pending file that
 * only becomes the archive if the start had completed and the JVM exited in time: an archive of half a start, or one
 * cut off by SIGKILL, would otherwise be kept until the next build. An archive is usable when it is newer than the
 * service's build and was written by the same JVM with the same options (its file name holds their fingerprint: a JVM
 * takes an archive it cannot read for a broken base archive, and silently starts without it).
 */
final class ClassDataArchive {
    /** Options that hook every class load (JDK 17 crashed loading archived classes under such a hook) or set CDS. */
    private static final List<String> INCOMPATIBLE = List.of("-XX:StartFlightRecording", "-javaagent:", "-agentlib:",
            "-agentpath:", "-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit", "-XX:AOT");
    /** Where the java launcher and the JVM pick up more options. */
    private static final List<String> OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS");

    private final String serviceName;
    private final Path archive;
    private final Path pending;
    private final Path build;

    ClassDataArchive(Path stateDir, String serviceName, Path runnableJar, String fingerprint) {
        this.serviceName = serviceName;
        this.archive = stateDir.resolve("cds").resolve(serviceName + "-" + fingerprint + ".jsa");
        this.pending = archive.resolveSibling(archive.getFileName() + ".pending");
        this.build = runnableJar.getParent();
    }

    /**
     * The service's archive on the stack's own JVM, or none: sharing turned off, options that do not go with it, or
     * another Java runtime than the stack's (a replica on another JDK).
     */
    static Optional<ClassDataArchive> forStack(StackSettings settings, StackSettings.ServiceSpec service,
            Path javaHome, Map<String, String> environment) {
        Path stackJava = Path.of(System.getProperty("java.home"));
        if (!settings.classDataSharing() || !compatibleWith(settings.serviceJavaOpts(), environment)
                || !javaHome.equals(stackJava)) {
            return Optional.empty();
        }
        return Optional.of(new ClassDataArchive(settings.stateDir(), service.name(),
                service.runnableJar(settings.repoRoot()), fingerprint(Runtime.version(), stackJava,
                        settings.serviceJavaOpts())));
    }

    /** Whether archived classes can be used with these JVM options and the environment's option variables. */
    static boolean compatibleWith(String javaOptions, Map<String, String> environment) {
        Stream<String> options = Stream.concat(Stream.of(javaOptions),
                OPTION_VARIABLES.stream().map(name -> environment.getOrDefault(name, "")));
        return options.flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .noneMatch(option -> INCOMPATIBLE.stream().anyMatch(option::startsWith));
    }

    /** The JVM's feature version, then a digest of its exact version, home and options. */
    static String fingerprint(Runtime.Version jvmVersion, Path javaHome, String javaOptions) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((jvmVersion + "\n" + javaHome + "\n"
                    + javaOptions.trim()).getBytes(StandardCharsets.UTF_8));
            return jvmVersion.feature() + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The JVM options that use the archive when it is usable; otherwise, when {@code mayWrite}, that write a pending
     * one at exit. Extra instances beside the stack's own only read, so that two JVMs never write the same file. A
     * state directory that cannot be prepared costs the optimisation, never the start.
     */
    List<String> jvmOptions(boolean mayWrite) {
        try {
            if (Files.isRegularFile(archive) && !olderThanTheBuild()) {
                return withQuietLog("-XX:SharedArchiveFile=" + archive);
            }
            if (!mayWrite) {
                return List.of();
            }
            Files.createDirectories(archive.getParent());
            removeOthers();
            return withQuietLog("-XX:ArchiveClassesAtExit=" + pending);
        } catch (IOException | RuntimeException e) {
            System.out.println("scaffold: " + serviceName + " starts without a class-data archive: " + e);
            return List.of();
        }
    }

    /**
     * After the JVM stopped: what it wrote becomes the archive if its start had completed and it exited in time;
     * anything else is dropped.
     */
    void settle(boolean completeRun) {
        try {
            if (completeRun && Files.isRegularFile(pending)) {
                Files.move(pending, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(pending);
            }
        } catch (IOException e) {
            System.out.println("scaffold: the class-data archive of " + serviceName + " was not kept: " + e);
        }
    }

    Path path() {
        return archive;
    }

    Path pendingPath() {
        return pending;
    }

    private static List<String> withQuietLog(String option) {
        // Writing an archive lists every class it skips (generated, unverifiable) as a warning: not a problem.
        return List.of(option, "-Xlog:cds*=error");
    }

    /** The service's stale archive and those of other JVMs or options: they would never be used again. */
    private void removeOthers() throws IOException {
        Pattern ours = Pattern.compile(Pattern.quote(serviceName) + "-\\d+-[0-9a-f]{12}\\.jsa(\\.pending)?");
        try (Stream<Path> files = Files.list(archive.getParent())) {
            for (Path file : files.filter(f -> ours.matcher(f.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private boolean olderThanTheBuild() throws IOException {
        FileTime written = Files.getLastModifiedTime(archive);
        try (Stream<Path> files = Files.walk(build)) {
            return files.filter(Files::isRegularFile).anyMatch(file -> {
                try {
                    return Files.getLastModifiedTime(file).compareTo(written) > 0;
                } catch (IOException e) {
                    return true;
                }
            });
        }
    }
}
