package org.shangliang.web.page;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Chinese first: the language is zh-CN until the person picks English ({@code ?lang=en}), and the
 * choice is kept in a cookie. Static files are cached by phones for a week (their names are stable;
 * a changed file gets a new {@code ?v=} in the layout).
 */
@Configuration(proxyBeanMethods = false)
public class PageSetup implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("SHANGLIANG_LANG");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    private final org.shangliang.web.inbox.UnreadBadge unreadBadge;

    PageSetup(org.shangliang.web.inbox.UnreadBadge unreadBadge) {
        this.unreadBadge = unreadBadge;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(unreadBadge).excludePathPatterns("/assets/**", "/webjars/**", "/inbox/stream");
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**").addResourceLocations("classpath:/static/assets/")
                .setCachePeriod((int) Duration.ofDays(7).toSeconds());
    }
}
