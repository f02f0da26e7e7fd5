package io.scaffold.journeys;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's baseline server in a JVM of its own, started with the services' options on this JVM's class path; the
 * server prints {@code listening on <port>} once it serves.
 */
record BaselineJvm(Process process, int port) implements AutoCloseable {

    static BaselineJvm start(String javaOpts, Class<?> server, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaOpts.trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), server.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> startUp = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("listening on ")) {
                startUp.add(line); // the Kafka client's lines, for one; kept to say why a start failed
            }
            if (line == null) {
                throw new IllegalStateException(server.getSimpleName() + " did not start: " + String.join("\n",
                        startUp.subList(Math.max(0, startUp.size() - 20), startUp.size())));
            }
            int port = Integer.parseInt(line.substring("listening on ".length()).trim());
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), server.getSimpleName() + "-output");
            drain.setDaemon(true);
            drain.start();
            return new BaselineJvm(process, port);
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
