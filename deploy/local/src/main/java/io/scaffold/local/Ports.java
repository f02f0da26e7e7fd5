package io.scaffold.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks up front that the stack's ports are free, so a clash is one clear line instead of a failed child process. */
final class Ports {
    private Ports() {
    }

    static void requireFree(int port, String what, String envVar) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StackException("port " + port + " (" + what + ") is already in use; stop what holds it or set "
                    + envVar + " to another port");
        }
    }
}
