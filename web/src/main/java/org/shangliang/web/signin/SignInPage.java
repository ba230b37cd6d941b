package org.shangliang.web.signin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: the built-in issuer's form (Spring Security handles its POST), or, with an
 * OpenID provider, one button that goes to the provider's own sign-in page.
 */
@Controller
class SignInPage {

    private final ProviderSignIn provider;

    SignInPage(ProviderSignIn provider) {
        this.provider = provider;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("provider", provider.enabled());
        return SignedIn.current() != null ? "redirect:/" : "signin/login";
    }

    /** To the provider's sign-in page, once it answers; while it does not, the sign-in page says so. */
    @GetMapping("/login/provider")
    String toProvider() {
        if (!provider.enabled()) {
            return "redirect:/login";
        }
        return provider.registration().isPresent()
                ? "redirect:/oauth2/authorization/" + ProviderSignIn.REGISTRATION
                : "redirect:/login?error=down";
    }
}
