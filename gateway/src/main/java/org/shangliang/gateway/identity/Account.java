package org.shangliang.gateway.identity;

import java.util.List;

/** One sign-in account; {@code password} is in Spring Security's {@code {id}encoded} form. */
public record Account(String username, String password, String name, List<String> roles, String community,
                      String home) {
}
