package org.shangliang.web.signin;

import org.shangliang.web.page.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form of the local stack's built-in issuer (Spring Security handles its POST). */
@Controller
class SignInPage {

    @GetMapping("/login")
    String login() {
        return Viewer.current() != null ? "redirect:/" : "signin/login";
    }
}
