package org.shangliang.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A query parameter the endpoint does not know is a 400 naming it and the ones it knows, instead of
 * being silently ignored ({@code ?stauts=VOTING} used to list every topic). Applies to {@code /api/**};
 * an endpoint that takes a map of parameters accepts any.
 */
public class KnownParameters implements HandlerInterceptor {

    private final Map<HandlerMethod, Set<String>> known = new ConcurrentHashMap<>();
    private final MessageSource messages;

    public KnownParameters(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getParameterMap().isEmpty()) {
            return true;
        }
        Set<String> allowed = known.computeIfAbsent(method, KnownParameters::namesOf);
        if (allowed.contains("*")) {
            return true;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : request.getParameterMap().keySet()) {
            if (!allowed.contains(name)) {
                errors.add(new FieldError(name, messages.getMessage("problem.unknown-parameter.field", null,
                        "unknown parameter", LocaleContextHolder.getLocale()), request.getParameter(name),
                        List.copyOf(allowed)));
            }
        }
        if (errors.isEmpty()) {
            return true;
        }
        throw new ProblemException(HttpStatus.BAD_REQUEST, "validation", "problem.unknown-parameter.detail",
                "Unknown parameter " + errors.get(0).field() + "; this endpoint takes " + String.join(", ", allowed),
                errors.get(0).field(), allowed.isEmpty() ? "—" : String.join(", ", allowed)).with("errors", errors);
    }

    private static Set<String> namesOf(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param == null) {
                continue;
            }
            if (Map.class.isAssignableFrom(parameter.getParameterType())) {
                return Set.of("*");
            }
            String name = StringUtils.hasText(param.name()) ? param.name() : param.value();
            if (!StringUtils.hasText(name)) {
                parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                name = parameter.getParameterName();
            }
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }
}
