package dev.backtrack.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<String> lines(JsonNode a, JsonNode b) {
        return JsonDiff.diff(a, b).stream().map(FieldChange::describe).toList();
    }

    @Test
    void objectsAreComparedFieldByFieldAndArraysByIndex() throws Exception {
        JsonNode a = json("{\"id\":1,\"status\":\"NEW\",\"note\":\"x\",\"customer\":{\"city\":\"Lyon\"},\"items\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"b\",\"qty\":1}]}");
        JsonNode b = json("{\"id\":1,\"status\":\"PAID\",\"customer\":{\"city\":\"Ghent\",\"zip\":\"9000\"},\"items\":[{\"sku\":\"a\",\"qty\":2}],\"paid\":true}");
        assertThat(lines(a, b)).containsExactly(
                "~ status: \"NEW\" → \"PAID\"",
                "~ customer.city: \"Lyon\" → \"Ghent\"",
                "+ customer.zip: \"9000\"",
                "~ items[0].qty: 1 → 2",
                "- items[1]: {\"sku\":\"b\",\"qty\":1}",
                "+ paid: true",
                "- note: \"x\"");
    }

    @Test
    void creationDeletionTypeChangesAndOddFieldNames() throws Exception {
        assertThat(lines(null, json("{\"a\":1,\"b\":[1]}"))).containsExactly("+ a: 1", "+ b: [1]");
        assertThat(lines(json("{\"a\":1}"), null)).containsExactly("- (value): {\"a\":1}");
        assertThat(lines(json("{\"a\":1}"), json("{\"a\":\"1\"}"))).containsExactly("~ a: 1 → \"1\"");
        assertThat(lines(json("{\"a\":null}"), json("{\"a\":{}}"))).containsExactly("~ a: null → {}");
        assertThat(lines(json("{\"a b\":1}"), json("{\"a b\":2}"))).containsExactly("~ [\"a b\"]: 1 → 2");
        assertThat(JsonDiff.diff(json("{\"a\":[1,2]}"), json("{\"a\":[1,2]}"))).isEmpty();
        assertThat(JsonDiff.diff(null, null)).isEmpty();
    }
}
