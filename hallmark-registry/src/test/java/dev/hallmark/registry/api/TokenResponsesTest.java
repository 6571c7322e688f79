package dev.hallmark.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hallmark.core.json.Json;
import dev.hallmark.registry.store.StoredToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenResponsesTest {
    private static StoredToken token(String key, List<String> cidr) {
        return new StoredToken(key, "hash", "alice", "token", "hm_abcd", false, Optional.empty(), cidr,
                Instant.parse("2026-11-21T10:00:00Z"), Optional.empty());
    }

    @Test
    void aTokenUsableFromAnywhereHasNoWhitelistWhichNpmWouldPrintEmpty() throws Exception {
        JsonNode list = Json.parse(TokenResponses.list(List.of(token("k1", List.of()),
                token("k2", List.of("127.0.0.0/8")))).body().toArray(), 1 << 16);
        JsonNode anywhere = list.get("objects").get(0);
        assertThat(anywhere.has("cidr_whitelist")).isTrue();
        assertThat(anywhere.get("cidr_whitelist").isNull()).isTrue();
        assertThat(list.get("objects").get(1).get("cidr_whitelist")).containsExactly(Json.object().textNode("127.0.0.0/8"));
        assertThat(list.get("total").asInt()).isEqualTo(2);
    }
}
