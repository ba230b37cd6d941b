package org.shangliang.web.api;

/** The gateway or a service behind it cannot answer now (503, a time-out, a refused connection). */
public class ServiceUnavailable extends RuntimeException {

    private final String service;

    public ServiceUnavailable(String service, Throwable cause) {
        super("Unavailable: " + service, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
