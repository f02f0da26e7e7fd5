package io.scaffold.notifications.email;

import io.scaffold.notifications.MailServerResource;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** What the test JVM's SMTP server received, per address, with both bodies of a message read out. */
final class Mailbox {
    private Mailbox() {
    }

    record Received(MimeMessage message, String subject, String text, String html) {
        String header(String name) throws Exception {
            String[] values = message.getHeader(name);
            return values == null ? null : values[0];
        }
    }

    static List<Received> of(String address) {
        return Arrays.stream(MailServerResource.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).map(Mailbox::read).toList();
    }

    static List<Received> awaitCount(String address, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> of(address).size() >= count);
        return of(address);
    }

    private static Received read(MimeMessage message) {
        try {
            String[] bodies = new String[2];
            collect(message, bodies);
            return new Received(message, message.getSubject(), bodies[0], bodies[1]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, String[] bodies) throws Exception {
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = part.getContent().toString();
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = part.getContent().toString();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, bodies);
            }
        }
    }
}
