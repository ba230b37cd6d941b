package org.shangliang.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.shangliang.web.signin.Continuation;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Large text and high contrast, switched from the header of every page (also before sign-in). */
@Controller
class DisplayController {

    @PostMapping("/display")
    String toggle(@RequestParam String toggle, @RequestParam(name = "_page", required = false) String page,
                  HttpServletRequest request, HttpServletResponse response) {
        Display.of(request).toggle(toggle).write(response);
        String back = Continuation.safe(page);
        return "redirect:" + (back != null ? back : "/");
    }
}
