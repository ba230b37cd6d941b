package org.shangliang.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The Keycloak realm shipped in deploy/keycloak: the claims the gateway trusts for who sees what
 * ({@code community}, {@code home}) are attributes users cannot edit themselves (an audit set
 * {@code community} to {@code *} through the account console when they were unmanaged).
 */
class RealmFileTest {

    private static JsonNode userProfile() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode realm = json.readTree(Files.readString(Path.of("../deploy/keycloak/shangliang-realm.json")));
        String config = realm.get("components").get("org.keycloak.userprofile.UserProfileProvider").get(0)
                .get("config").get("kc.user.profile.config").get(0).asString();
        return json.readTree(config);
    }

    @Test
    void communityAndHomeAreDeclaredAndOnlyAdministratorsEditThem() throws Exception {
        JsonNode profile = userProfile();
        assertThat(profile.get("unmanagedAttributePolicy").asString()).as("undeclared attributes are not user-editable")
                .isIn("ADMIN_VIEW", "ADMIN_EDIT");
        for (String claim : new String[] {"community", "home"}) {
            JsonNode attribute = profile.get("attributes").valueStream().filter(a -> a.get("name").asString().equals(claim))
                    .findFirst().orElseThrow(() -> new AssertionError(claim + " is not declared"));
            assertThat(attribute.get("permissions").get("edit").valueStream().map(JsonNode::asString).toList())
                    .as(claim).containsExactly("admin");
        }
    }
}
