package io.scaffold.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive per service in the stack's state directory. A start maps the archived classes instead
 * of reading, verifying and parsing them one by one out of a few hundred jars, which is about half of a service's
 * start on two cores. The services are packaged as Quarkus' {@code aot-jar}, with every class on the application
 * class path, so the archive holds the service's classes, not only the JDK's.
 * <p>
 * The archive is written when a service stops after a start without a usable one: its first start, or the first
 * after a rebuild. From JDK 19 the JVM decides that itself ({@code -XX:+AutoCreateSharedArchive}); on JDK 17 and 18
 * the stack does, by the archive's age against the service's build.
 */
final class ClassDataArchive {
    private final Path archive;
    private final Path application;
    private final int javaFeature;
    private final String serviceName;

    /**
     * The archive's name holds the JVM's version: a JVM takes another version's archive for a broken base archive,
     * and then neither uses nor rewrites it.
     */
    ClassDataArchive(Path stateDir, String serviceName, Path runnableJar, Runtime.Version java) {
        this.serviceName = serviceName;
        this.archive = stateDir.resolve("cds").resolve(serviceName + "-"
                + java.toString().replaceAll("[^A-Za-z0-9.]", "_") + ".jsa");
        this.application = runnableJar.getParent();
        this.javaFeature = java.feature();
    }

    /**
     * Whether archived classes can be used with these JVM options. A flight recording started with the JVM or a Java
     * agent hooks every class load, and JDK 17 crashed (SIGSEGV in
     * {@code KlassFactory::check_shared_class_file_load_hook}) loading a dynamic archive's classes under such a hook.
     */
    static boolean compatibleWith(String javaOptions) {
        return java.util.Arrays.stream(javaOptions.trim().split("\\s+")).noneMatch(option ->
                option.startsWith("-XX:StartFlightRecording") || option.startsWith("-javaagent:")
                        || option.startsWith("-agentlib:") || option.startsWith("-agentpath:"));
    }

    static ClassDataArchive of(StackSettings settings, StackSettings.ServiceSpec service) {
        return new ClassDataArchive(settings.stateDir(), service.name(), service.runnableJar(settings.repoRoot()),
                Runtime.version());
    }

    /**
     * The JVM options that use the archive, and write it at exit when {@code mayWrite} and it is missing or stale.
     * Extra instances beside the stack's own only read it, so that two JVMs never write the same file.
     */
    List<String> jvmOptions(boolean mayWrite) {
        List<String> options = new ArrayList<>(archiveOptions(mayWrite));
        if (!options.isEmpty()) {
            // Writing an archive lists every class it skips (generated, unverifiable) as a warning: not a problem.
            options.add("-Xlog:cds*=error");
        }
        return options;
    }

    private List<String> archiveOptions(boolean mayWrite) {
        try {
            Files.createDirectories(archive.getParent());
            if (mayWrite) {
                removeOtherVersions();
            }
            if (javaFeature >= 19 && mayWrite) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive");
            }
            if (Files.isRegularFile(archive) && !olderThanTheBuild()) {
                return List.of("-XX:SharedArchiveFile=" + archive);
            }
            if (!mayWrite) {
                return List.of();
            }
            Files.deleteIfExists(archive);
            return List.of("-XX:ArchiveClassesAtExit=" + archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the class-data archive " + archive, e);
        }
    }

    /** Archives of this service written by another JVM version: they would never be used again. */
    private void removeOtherVersions() throws IOException {
        try (Stream<Path> files = Files.list(archive.getParent())) {
            for (Path other : files.filter(file -> !file.equals(archive))
                    .filter(file -> file.getFileName().toString().matches(java.util.regex.Pattern.quote(serviceName)
                            + "-[A-Za-z0-9._]+\\.jsa")).toList()) {
                Files.deleteIfExists(other);
            }
        }
    }

    Path path() {
        return archive;
    }

    private boolean olderThanTheBuild() throws IOException {
        FileTime written = Files.getLastModifiedTime(archive);
        try (Stream<Path> files = Files.walk(application)) {
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
