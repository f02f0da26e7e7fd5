package io.scaffold.platform.testing;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends exactly the bytes a test writes, over a plain socket, and reads the answer: for input that HTTP client
 * libraries would fix, refuse or encode on the caller's behalf (NUL bytes, dot segments, missing headers).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** The answer: status, headers (names in lower case), body as text. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends a request to the service under test (REST Assured's port). */
    public static Answer send(String requestLineAndHeaders, byte[] body) throws IOException {
        return send(RestAssured.port, requestLineAndHeaders, body);
    }

    /**
     * @param requestLineAndHeaders e.g. {@code "GET /api/x HTTP/1.1\r\nAuthorization: ...\r\n"}; Host, Connection
     *        and (with a body) Content-Length are added unless present
     */
    public static Answer send(int port, String requestLineAndHeaders, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(requestLineAndHeaders);
        String lower = requestLineAndHeaders.toLowerCase(Locale.ROOT);
        if (!lower.contains("\r\nhost:")) {
            head.append("Host: localhost:").append(port).append("\r\n");
        }
        if (!lower.contains("\r\nconnection:")) {
            head.append("Connection: close\r\n");
        }
        if (body != null && !lower.contains("\r\ncontent-length:") && !lower.contains("\r\ntransfer-encoding:")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (SocketException closedEarly) {
                // the server may answer and close before it has read everything (a body over the limit)
            }
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; !complete(all) && (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // a reset after the answer was sent: keep what arrived
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body);
    }

    /** True once the head and a body of the announced length (or the last chunk) have arrived. */
    private static boolean complete(ByteArrayOutputStream received) {
        String text = received.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int length = head.indexOf("\r\ncontent-length:");
        if (length >= 0) {
            int lineEnd = head.indexOf("\r\n", length + 2);
            String value = head.substring(length + 17, lineEnd < 0 ? head.length() : lineEnd).trim();
            return text.length() - end - 4 >= Long.parseLong(value);
        }
        return head.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
