package io.scaffold.notifications.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @Test
    void signsAsTheStandardWebhooksSpecificationsExampleDoes() {
        // the example of the Standard Webhooks specification: secret, id, timestamp, body and expected signature
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String body = "{\"test\": 2432232314}";
        assertThat(WebhookSignature.sign(List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsAsTheStandardWebhooksLibraryDoes() throws Exception {
        String secret = WebhookSignature.newSecret();
        String body = "{\"specversion\":\"1.0\",\"data\":{\"title\":\"Ünïcode ✓\"}}";
        assertThat(WebhookSignature.sign(List.of(secret), "3f0c7a52-1d1e-4a7e-9a53-0c8f3c1f7d11", 1764590000L, body))
                .isEqualTo(new com.standardwebhooks.Webhook(secret).sign("3f0c7a52-1d1e-4a7e-9a53-0c8f3c1f7d11",
                        1764590000L, body));
    }

    @Test
    void aRotationSignsWithEverySecretAndNewSecretsAreRandom() {
        String first = WebhookSignature.newSecret();
        String second = WebhookSignature.newSecret();
        assertThat(first).startsWith("whsec_").isNotEqualTo(second);
        assertThat(WebhookSignature.sign(List.of(first, second), "id", 1, "{}").split(" ")).hasSize(2)
                .allMatch(s -> s.startsWith("v1,"));
    }
}
