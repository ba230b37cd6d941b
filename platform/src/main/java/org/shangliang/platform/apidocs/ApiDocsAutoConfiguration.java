package org.shangliang.platform.apidocs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.shangliang.platform.security.CurrentUser;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * What every service's OpenAPI document says the same way: bearer JWT authentication, the Problem
 * Details schema, and the error responses every operation can give (API.md, Conventions).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    static final String PROBLEM = "Problem";

    static {
        // The caller is resolved from the token (CurrentUserArgumentResolver), never sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    @Bean
    public OpenAPI shangliangOpenApi(@Value("${spring.application.name}") String name,
                                     @Value("${info.service.description:}") String description) {
        return new OpenAPI()
                .info(new Info().title("Shangliang " + name).version("v1").description(description
                        + "\n\nAll calls go through the gateway with `Authorization: Bearer <JWT>` (claims sub, name, "
                        + "roles, community, home). Errors are RFC 9457 Problem Details; titles are zh-CN unless "
                        + "`Accept-Language: en` is sent. Every response carries `X-Request-Id`."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                // "try it out" goes through the gateway, which serves this document on its own origin
                .servers(List.of(new Server().url("/").description("the gateway")));
    }

    /**
     * Adds the errors an operation can answer to each one that does not describe them itself: every
     * operation can be refused (400, 401, 403, 404, 429, 503); a write can also meet a state that does
     * not allow it (409) or carry too large a body (413).
     */
    @Bean
    public OpenApiCustomizer problemResponses() {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("400", "Malformed or invalid input; `errors` lists each bad field, its value and what is allowed");
        common.put("401", "No, invalid or expired token");
        common.put("403", "Authenticated but not allowed (role or community)");
        common.put("404", "Unknown id, or of another community");
        common.put("429", "Rate limited; see Retry-After");
        common.put("503", "A backing service or its store cannot be reached for a moment; see Retry-After");
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("409", "The state does not allow it (wrong status, duplicate, already done, overlap); "
                + "`currentStatus` says where it stands");
        writes.put("413", "Body over 1 MiB");
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
                Map<String, String> answers = new LinkedHashMap<>(common);
                if (method != PathItem.HttpMethod.GET) {
                    answers.putAll(writes);
                }
                if ((method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH)
                        && (operation.getParameters() == null || operation.getParameters().stream()
                        .noneMatch(p -> "Idempotency-Key".equals(p.getName())))) {
                    // a retry after a lost answer gets the first answer again (IdempotencyFilter)
                    operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                            .description("Optional, 1–255 printable ASCII characters, the caller's own: the same key "
                                    + "and request answer the first answer again (with Idempotent-Replayed: true) "
                                    + "instead of doing it twice; the same key with another request is 422")
                            .schema(new StringSchema().maxLength(255)));
                    answers.put("422", "The Idempotency-Key was used for another request");
                }
                answers.forEach((status, text) -> operation.getResponses().putIfAbsent(status, new ApiResponse()
                        .description(text).content(new Content().addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
            }));
        };
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema fieldError = new ObjectSchema().addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 Problem Details")
                .addProperty("type", new StringSchema().example("urn:shangliang:problem:validation"))
                .addProperty("title", new StringSchema().example("请求参数有误"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldError))
                .required(List.of("type", "title", "status", "detail"));
    }
}
