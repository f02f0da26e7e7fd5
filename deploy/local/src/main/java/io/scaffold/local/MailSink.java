package io.scaffold.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;

/**
 * The local stack's mail sink: a real SMTP server (GreenMail) that accepts every message notifications-service sends,
 * and an HTTP endpoint to read them: {@code GET /messages} (newest last; {@code ?to=} one address) answers JSON with
 * the recipients, subject, headers and both bodies; {@code DELETE /messages} empties it. Nothing leaves the machine.
 */
final class MailSink implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GreenMail smtp;
    private final HttpServer http;

    private MailSink(GreenMail smtp, HttpServer http) {
        this.smtp = smtp;
        this.http = http;
    }

    static MailSink start(int smtpPort, int httpPort) {
        Ports.requireFree(smtpPort, "mail sink (SMTP)", "SCAFFOLD_SMTP_PORT");
        Ports.requireFree(httpPort, "mail sink (HTTP)", "SCAFFOLD_MAIL_HTTP_PORT");
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            MailSink sink = new MailSink(smtp, http);
            http.createContext("/messages", sink::handle);
            http.start();
            return sink;
        } catch (IOException e) {
            smtp.stop();
            throw new StackException("cannot start the mail sink's HTTP endpoint on " + httpPort + ": "
                    + e.getMessage());
        }
    }

    int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> answer(exchange, 200, JSON.writeValueAsBytes(messages(recipient(exchange))));
                case "DELETE" -> {
                    smtp.purgeEmailFromAllMailboxes();
                    answer(exchange, 204, new byte[0]);
                }
                default -> answer(exchange, 405, new byte[0]);
            }
        } catch (Exception e) {
            answer(exchange, 500, JSON.writeValueAsBytes(JSON.createObjectNode().put("error", e.toString())));
        }
    }

    private static String recipient(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        return Arrays.stream(query.split("&")).filter(p -> p.startsWith("to="))
                .map(p -> URLDecoder.decode(p.substring(3), StandardCharsets.UTF_8)).findFirst().orElse(null);
    }

    private ArrayNode messages(String to) throws Exception {
        ArrayNode list = JSON.createArrayNode();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            ArrayNode recipients = JSON.createArrayNode();
            boolean matches = to == null;
            for (var address : message.getAllRecipients()) {
                recipients.add(address.toString());
                matches |= address.toString().equalsIgnoreCase(to);
            }
            if (!matches) {
                continue;
            }
            ObjectNode item = list.addObject();
            item.set("to", recipients);
            item.put("from", message.getFrom() == null ? null : message.getFrom()[0].toString());
            item.put("subject", message.getSubject());
            ObjectNode headers = item.putObject("headers");
            for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
                Header header = all.nextElement();
                headers.put(header.getName(), header.getValue());
            }
            String[] bodies = new String[2];
            bodies(message, bodies);
            item.put("text", bodies[0]);
            item.put("html", bodies[1]);
        }
        return list;
    }

    private static void bodies(Part part, String[] bodies) throws Exception {
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = part.getContent().toString();
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = part.getContent().toString();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                bodies(multipart.getBodyPart(i), bodies);
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        smtp.stop();
    }
}
