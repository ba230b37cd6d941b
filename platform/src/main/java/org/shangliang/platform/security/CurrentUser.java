package org.shangliang.platform.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.shangliang.contracts.PlacePaths;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller, from the token's claims: {@code sub}, {@code name}, {@code roles}, {@code community}
 * and, for residents, {@code home} (the path of their flat).
 */
public record CurrentUser(String id, String name, Set<Role> roles, String community, String home) {

    /** Street-level staff: {@code community: "*"} sees every community. */
    public static final String ALL_COMMUNITIES = "*";

    public static CurrentUser from(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> claimed = jwt.getClaimAsStringList("roles");
        if (claimed != null) {
            for (String r : claimed) {
                try {
                    roles.add(Role.valueOf(r));
                } catch (IllegalArgumentException ignored) {
                    // a role this platform does not know grants nothing
                }
            }
        }
        String name = jwt.getClaimAsString("name");
        return new CurrentUser(jwt.getSubject(), name == null ? jwt.getSubject() : name, Set.copyOf(roles),
                jwt.getClaimAsString("community"), jwt.getClaimAsString("home"));
    }

    /** The person whose request this thread is serving, if any (none for a clock or an event handler). */
    public static Optional<CurrentUser> acting() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                ? Optional.of(from(jwt)) : Optional.empty();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isStreetLevel() {
        return ALL_COMMUNITIES.equals(community);
    }

    /** Whether something of {@code otherCommunity} exists for this user (else it answers 404). */
    public boolean canSee(String otherCommunity) {
        return isStreetLevel() || (community != null && community.equals(otherCommunity));
    }

    /**
     * Whether a place path ({@code community/estate/building/entrance/flat}) or a prefix of one lies
     * inside this user's community.
     */
    public boolean contains(String placePath) {
        if (placePath == null) {
            return false;
        }
        if (isStreetLevel()) {
            return true;
        }
        return PlacePaths.within(placePath, community);
    }
}
