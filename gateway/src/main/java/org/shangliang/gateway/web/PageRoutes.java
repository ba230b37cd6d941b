package org.shangliang.gateway.web;

import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The pages: every path that is not the API, sign-in, the API documentation, the token keys or the
 * gateway's own endpoints goes to the {@code web} module. It is the last route, so an unknown
 * {@code /api/...} path still answers the gateway's 404 Problem, never a page.
 */
@Configuration(proxyBeanMethods = false)
public class PageRoutes {

    /** Paths the gateway answers itself or routes to a service; everything else is a page. */
    public static final String[] NOT_PAGES = {"/api", "/api/**", "/auth/**", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/webjars/swagger-ui/**", "/.well-known/**", "/actuator/**", "/livez", "/readyz", "/fallback/**"};

    private static final List<PathPattern> NOT_PAGE_PATTERNS =
            Arrays.stream(NOT_PAGES).map(PathPatternParser.defaultInstance::parse)
                    .toList();

    /** Whether a request path is a page (routed to the web module) rather than the API or the gateway's own. */
    public static boolean isPage(PathContainer path) {
        return NOT_PAGE_PATTERNS.stream().noneMatch(p -> p.matches(path));
    }

    @Bean
    public RouteLocator webPageRoute(RouteLocatorBuilder routes, @Value("${WEB_URL:http://127.0.0.1:8085}") String web) {
        return routes.routes()
                .route("web", r -> r.order(Ordered.LOWEST_PRECEDENCE)
                        .path("/**").and().not(p -> p.path(NOT_PAGES))
                        .uri(web))
                .build();
    }
}
