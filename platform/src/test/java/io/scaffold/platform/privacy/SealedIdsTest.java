package io.scaffold.platform.privacy;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedIdsTest {
    private static final String REQUEST = "0190c6a8-3c4e-7cc1-9a6b-7f3e2d1c0b9a";

    @Test
    void aSealOpensWithTheSameKeyForTheSameSubjectAndNamesNothingInClear() {
        SealedIds ids = sealer(key(), List.of());
        String seal = ids.seal("alice@example.org", REQUEST);
        assertThat(seal).startsWith("v1.").doesNotContain("alice");
        assertThat(ids.open(seal, REQUEST)).isEqualTo("alice@example.org");
    }

    @Test
    void twoSealsOfOnePersonDifferSoNobodyCanLinkThem() {
        SealedIds ids = sealer(key(), List.of());
        assertThat(ids.seal("alice", REQUEST)).isNotEqualTo(ids.seal("alice", REQUEST));
    }

    @Test
    void aSealDoesNotOpenForAnotherSubjectWhenAlteredOrWithoutItsKey() {
        SealedIds ids = sealer(key(), List.of());
        String seal = ids.seal("alice", REQUEST);
        assertThatThrownBy(() -> ids.open(seal, "another-request")).isInstanceOf(SealedIds.UnreadableSealException.class);
        char last = seal.charAt(seal.length() - 1);
        String altered = seal.substring(0, seal.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThatThrownBy(() -> ids.open(altered, REQUEST)).isInstanceOf(SealedIds.UnreadableSealException.class);
        assertThatThrownBy(() -> sealer(key(), List.of()).open(seal, REQUEST))
                .isInstanceOf(SealedIds.UnreadableSealException.class).hasMessageContaining("does not hold");
        assertThatThrownBy(() -> ids.open("alice", REQUEST)).isInstanceOf(SealedIds.UnreadableSealException.class);
        assertThatThrownBy(() -> ids.open("v1.abcdefgh.!!", REQUEST))
                .isInstanceOf(SealedIds.UnreadableSealException.class);
    }

    @Test
    void afterARotationSealsMadeWithThePreviousKeyStillOpen() {
        String old = key();
        String seal = sealer(old, List.of()).seal("alice", REQUEST);
        SealedIds rotated = sealer(key(), List.of(old));
        assertThat(rotated.open(seal, REQUEST)).isEqualTo("alice");
        assertThat(rotated.seal("alice", REQUEST).split("\\.")[1]).isNotEqualTo(seal.split("\\.")[1]);
    }

    @Test
    void aKeyThatIsNotThirtyTwoBytesOfBase64IsRefused() {
        assertThatThrownBy(() -> sealer("c2hvcnQ=", List.of())).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> sealer("not base64!", List.of())).hasMessageContaining("base64");
    }

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static SealedIds sealer(String key, List<String> previous) {
        return SealedIds.withKeys(key, previous);
    }
}
