package org.shangliang.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.catalina.core.StandardHost;
import org.shangliang.platform.requestid.RequestIdFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class WebAutoConfiguration {

    /**
     * The caller's language, negotiated from Accept-Language among the languages the platform speaks
     * (zh-CN, en): {@code de,en;q=0.5} is English, no header or nothing spoken is Chinese.
     */
    @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    public LocaleResolver localeResolver(@Value("${spring.web.locale:zh_CN}") Locale defaultLocale) {
        var resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
        resolver.setDefaultLocale(defaultLocale);
        return resolver;
    }

    @Bean
    public Problems problems(MessageSource messageSource, JsonMapper jsonMapper, LocaleResolver localeResolver) {
        return new Problems(messageSource, jsonMapper, localeResolver);
    }

    @Bean
    public ProblemDetailsAdvice problemDetailsAdvice(Problems problems, MessageSource messageSource) {
        return new ProblemDetailsAdvice(problems, messageSource);
    }

    /** The container's error page ({@code /error}) answers Problem Details too; Boot's own error controller backs off. */
    @Bean
    public ProblemErrorController problemErrorController(Problems problems) {
        return new ProblemErrorController(problems);
    }

    /** What Tomcat answers before Spring (a bad request target) is Problem Details too ({@link ProblemReportValve}). */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory>
            problemReports(Problems problems) {
        return factory -> factory.addContextCustomizers(context -> {
            var host = (StandardHost) context.getParent();
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            if (Arrays.stream(host.getPipeline().getValves()).noneMatch(ProblemReportValve.class::isInstance)) {
                host.getPipeline().addValve(new ProblemReportValve(problems));
            }
        });
    }

    /** Unknown query parameters of the API are a 400 ({@link KnownParameters}). */
    @Bean
    public WebMvcConfigurer knownParameters(MessageSource messageSource) {
        KnownParameters interceptor = new KnownParameters(messageSource);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).addPathPatterns("/api/**");
            }
        };
    }

    /**
     * Right inside Spring Boot's HTTP observation (which starts the request's span, order
     * {@code HIGHEST_PRECEDENCE + 1}) and before every other filter, so even a rejected request has its id
     * in the log and the response, and the access line carries the trace id.
     */
    @Bean
    public FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties web, Problems problems) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(web.maxBodySize(), web.bodySizeLimits(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
