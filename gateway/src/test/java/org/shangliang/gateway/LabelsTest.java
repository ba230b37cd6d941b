package org.shangliang.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LabelsTest extends GatewayTestSupport {

    @Test
    void everyEnumValueHasItsChineseAndEnglishLabelInOneCacheableAnswer() throws Exception {
        int toTopics = TOPICS.count();
        var response = send(request("/api/labels"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JsonMapper.builder().build().readTree(response.body());
        assertThat(answer.get("languages").get(0).asString()).isEqualTo("zh-CN");
        JsonNode labels = answer.get("labels");
        assertThat(labels.get("status").get("VOTING").get("zh-CN").asString()).isEqualTo("表决中");
        assertThat(labels.get("status").get("VOTING").get("en").asString()).isNotBlank();
        assertThat(labels.get("choice").get("FOR").get("zh-CN").asString()).isEqualTo("同意");
        assertThat(labels.get("notificationType").get("BALLOT_OPENED").get("en").asString()).isEqualTo("Owners' vote opened");
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("max-age=86400");
        String etag = response.headers().firstValue("ETag").orElseThrow();
        var again = send(request("/api/labels").header("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(TOPICS.count()).as("answered by the gateway itself, no token needed").isEqualTo(toTopics);
    }
}
