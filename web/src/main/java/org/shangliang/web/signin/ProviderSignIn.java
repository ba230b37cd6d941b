package org.shangliang.web.signin;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sign-in at an external OpenID Connect provider (the compose Keycloak, or the street office's own):
 * the authorization-code flow with PKCE, run by Spring Security's OAuth2 client. On when
 * {@code OIDC_ISSUER_URI} is set; the built-in issuer's password form is used otherwise.
 *
 * <p>The provider is looked up (its {@code /.well-known/openid-configuration}) when somebody first
 * signs in, not at start: the pages run, and say "try again shortly", while the provider is down.
 */
public final class ProviderSignIn implements ClientRegistrationRepository {

    /** The registration's id, also in the paths {@code /oauth2/authorization/oidc} and {@code /login/oauth2/code/oidc}. */
    public static final String REGISTRATION = "oidc";

    private static final Logger log = LoggerFactory.getLogger(ProviderSignIn.class);

    /**
     * @param issuerUri    the provider's issuer, exactly as in its tokens (…/realms/shangliang); empty: not used
     * @param clientId     this site's client at the provider
     * @param clientSecret empty for a public client (PKCE alone); set for a confidential one (PKCE as well)
     * @param siteUrl      the address people open (the gateway's public address): the provider sends them
     *                     back to {@code <siteUrl>/login/oauth2/code/oidc}, and after sign-out to the
     *                     sign-in page there. Taken from configuration, never from a request's headers.
     * @param discoveryUri where this server reads the provider's discovery document when the issuer's
     *                     own address is only reachable by browsers (in docker-compose: Keycloak's
     *                     address inside the network); empty: {@code <issuer>/.well-known/openid-configuration}
     */
    @ConfigurationProperties("shangliang.web.oidc")
    public record Settings(String issuerUri, String clientId, String clientSecret, String siteUrl, String discoveryUri) {
        public Settings {
            siteUrl = siteUrl == null ? "" : siteUrl.trim().replaceAll("/+$", "");
            issuerUri = issuerUri == null ? "" : issuerUri.trim().replaceAll("/+$", "");
            discoveryUri = discoveryUri == null ? "" : discoveryUri.trim();
            clientId = clientId == null || clientId.isBlank() ? "shangliang-web" : clientId.trim();
            clientSecret = clientSecret == null ? "" : clientSecret;
        }

        public boolean enabled() {
            return !issuerUri.isEmpty();
        }

        /** Where a path of this site is, as people open it: the site address, or the request's own. */
        String address(String path) {
            return (siteUrl.isEmpty() ? "{baseUrl}" : siteUrl) + path;
        }
    }

    private final Settings settings;
    private volatile ClientRegistration registration;

    public ProviderSignIn(Settings settings) {
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The origin of the provider's pages (for the pages' form-action rule: sign-out ends there). */
    public String origin() {
        URI issuer = URI.create(settings.issuerUri());
        return issuer.getScheme() + "://" + issuer.getAuthority();
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return REGISTRATION.equals(registrationId) ? registration().orElse(null) : null;
    }

    /** The registration, read from the provider's discovery document once it answers; empty while it does not. */
    public Optional<ClientRegistration> registration() {
        ClientRegistration known = registration;
        if (known != null || !settings.enabled()) {
            return Optional.ofNullable(known);
        }
        synchronized (this) {
            if (registration == null) {
                try {
                    boolean confidential = !settings.clientSecret().isEmpty();
                    registration = discover()
                            .registrationId(REGISTRATION)
                            .clientId(settings.clientId())
                            .clientSecret(confidential ? settings.clientSecret() : null)
                            .clientAuthenticationMethod(confidential ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
                                    : ClientAuthenticationMethod.NONE)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri(settings.address("/login/oauth2/code/{registrationId}"))
                            .scope("openid", "profile")
                            .build();
                    log.info("Sign-in at {} as client {} ({})", settings.issuerUri(), settings.clientId(),
                            confidential ? "confidential, PKCE" : "public, PKCE");
                } catch (RuntimeException e) {
                    log.warn("The identity provider {} cannot be read now: {}", settings.issuerUri(), e.getMessage());
                    return Optional.empty();
                }
            }
            return Optional.of(registration);
        }
    }

    /**
     * From the issuer's discovery document; or, at another address, from a document that must still
     * name the configured issuer (its tokens are checked against that).
     */
    private ClientRegistration.Builder discover() {
        if (settings.discoveryUri().isEmpty()) {
            return ClientRegistrations.fromIssuerLocation(settings.issuerUri());
        }
        Map<String, Object> document = RestClient.create().get().uri(settings.discoveryUri()).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        if (document == null || !settings.issuerUri().equals(document.get("issuer"))) {
            throw new IllegalStateException("The document at " + settings.discoveryUri() + " names the issuer "
                    + (document == null ? null : document.get("issuer")) + ", not " + settings.issuerUri());
        }
        return ClientRegistrations.fromOidcConfiguration(document);
    }

    /**
     * After the session here ends, the provider's session ends too (OpenID Connect RP-initiated
     * logout), or the next person on a shared phone would be signed in without a password. Spring's
     * {@code OidcClientInitiatedLogoutSuccessHandler} needs the provider's user as the principal; the
     * session keeps a {@link SignedIn} instead, which carries the ID token for this.
     */
    public LogoutSuccessHandler signOut() {
        return (HttpServletRequest request, HttpServletResponse response, Authentication authentication) -> {
            String signedOut = settings.siteUrl().isEmpty()
                    ? ServletUriComponentsBuilder.fromContextPath(request).path("/login").query("signedOut").build().toUriString()
                    : settings.siteUrl() + "/login?signedOut";
            Object endpoint = registration().map(r -> r.getProviderDetails().getConfigurationMetadata())
                    .map(m -> m.get("end_session_endpoint")).orElse(null);
            if (endpoint instanceof String end && authentication instanceof SignedIn user && user.idToken() != null) {
                response.sendRedirect(UriComponentsBuilder.fromUriString(end)
                        .queryParam("id_token_hint", user.idToken())
                        .queryParam("client_id", settings.clientId())
                        .queryParam("post_logout_redirect_uri", signedOut)
                        .encode().build().toUriString());
                return;
            }
            response.sendRedirect("/login?signedOut");
        };
    }
}
