package org.shangliang.web.signin;

import java.io.Serial;
import java.time.Instant;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A signed-in person as the session keeps them: the API token (never sent to the browser) and the
 * claims the pages need (name, roles, community, home).
 */
public class SignedIn extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The person signed in on this request, or null before sign-in. */
    public static SignedIn current() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof SignedIn user ? user : null;
    }

    private final String userId;
    private final String name;
    private final List<String> roles;
    private final String community;
    private final String home;
    private final String accessToken;
    private final Instant expiresAt;
    private final String idToken;

    public SignedIn(String userId, String name, List<String> roles, String community, String home,
                    String accessToken, Instant expiresAt) {
        this(userId, name, roles, community, home, accessToken, expiresAt, null);
    }

    /** @param idToken the OpenID provider's ID token (to end its session at sign-out); null with the built-in issuer */
    public SignedIn(String userId, String name, List<String> roles, String community, String home,
                    String accessToken, Instant expiresAt, String idToken) {
        super(roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
        this.userId = userId;
        this.name = name;
        this.roles = List.copyOf(roles);
        this.community = community;
        this.home = home;
        this.accessToken = accessToken;
        this.expiresAt = expiresAt;
        this.idToken = idToken;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return accessToken;
    }

    @Override
    public Object getPrincipal() {
        return userId;
    }

    @Override
    public String getName() {
        return userId;
    }

    public String userId() {
        return userId;
    }

    public String displayName() {
        return name == null || name.isBlank() ? userId : name;
    }

    public List<String> roles() {
        return roles;
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public String community() {
        return community;
    }

    /** The path of the resident's flat ({@code yuejiang/yuejiang-xincun/31/3/601}), or null. */
    public String home() {
        return home;
    }

    public String accessToken() {
        return accessToken;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String idToken() {
        return idToken;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
