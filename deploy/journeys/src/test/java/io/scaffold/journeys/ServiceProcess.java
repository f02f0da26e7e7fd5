package io.scaffold.journeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What the benchmarks read of a process of the local stack from Linux's {@code /proc}: which, its memory, its CPU. */
final class ServiceProcess {
    private ServiceProcess() {
    }

    /** The processes running this service's packaged jar (the stack's instance and any replica). */
    static Set<Long> pidsOf(String service) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(service + "/target/quarkus-app/quarkus-run.jar")).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    /** The one process of this service (the stack's own instance). */
    static long pidOf(String service) {
        return pidsOf(service).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException(service + " process not found"));
    }

    /** Resident memory in kB. */
    static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("[^0-9]", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
    }

    /** User and system CPU time used so far, in ms ({@code /proc/<pid>/stat}, clock ticks of 10 ms). */
    static double cpuMillis(long pid) throws IOException {
        return statCpuMillis(Path.of("/proc/" + pid + "/stat"));
    }

    /**
     * CPU time the JVM's JIT compiler threads ({@code C1/C2 CompilerThread}) used so far, in ms: the part of a
     * process's CPU that is warm-up, not the work measured. Threads that ended meanwhile are not counted.
     */
    static double jitCpuMillis(long pid) throws IOException {
        double total = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        total += statCpuMillis(task.resolve("stat"));
                    }
                } catch (IOException ended) {
                    // a compiler thread that ended meanwhile (the JVM adds and removes them as the queue grows)
                }
            }
        }
        return total;
    }

    private static double statCpuMillis(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    /** Runs a diagnostic command of {@code jcmd} on the process (JFR.start, GC.run, ...); returns its output. */
    static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
