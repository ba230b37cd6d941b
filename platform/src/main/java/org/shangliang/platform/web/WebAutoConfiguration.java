package org.shangliang.platform.web;

import java.util.Locale;

import org.shangliang.platform.requestid.RequestIdFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class WebAutoConfiguration {

    @Bean
    public Problems problems(MessageSource messageSource, JsonMapper jsonMapper,
                             @Value("${spring.web.locale:zh_CN}") Locale defaultLocale) {
        return new Problems(messageSource, jsonMapper, defaultLocale);
    }

    @Bean
    public ProblemDetailsAdvice problemDetailsAdvice(Problems problems, MessageSource messageSource) {
        return new ProblemDetailsAdvice(problems, messageSource);
    }

    /** First of all filters, so even a rejected request has its id in the log and the response. */
    @Bean
    public FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties web, Problems problems) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(web.maxBodySize(), web.bodySizeLimits(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
