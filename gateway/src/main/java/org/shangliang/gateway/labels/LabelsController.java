package org.shangliang.gateway.labels;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import org.shangliang.contracts.Labels;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/labels}: what every value of the API's enums is called, in Chinese and English,
 * in one answer a client fetches once and caches (a day, revalidated by its ETag). Served by the
 * gateway, not a service: the labels are the API's vocabulary, from the {@code contracts} module
 * that every service and the pages share. No token needed: nothing in them is anybody's data.
 */
@RestController
public class LabelsController {

    private final byte[] body;
    private final String etag;

    public LabelsController(JsonMapper json) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("languages", Labels.LANGUAGES);
        answer.put("labels", Labels.all());
        this.body = json.writeValueAsBytes(answer);
        this.etag = "\"" + sha256(body).substring(0, 32) + "\"";
    }

    @GetMapping(value = "/api/labels", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Labels of every enum value in zh-CN and en, grouped (status, category, choice, …); cache it")
    ResponseEntity<byte[]> labels(@RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        CacheControl cache = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(cache).contentType(
                new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8)).body(body);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
