package nl.transparant.site;

import nl.transparant.identity.DemoAccount;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SiteController {

    private final boolean localAccounts;

    SiteController(@Value("${transparant.identity.mode}") String identityMode) {
        this.localAccounts = "local".equals(identityMode);
    }

    @GetMapping("/")
    String home() {
        return "redirect:/register";
    }

    /** Lists the demo accounts in the embedded set-up; with Keycloak it offers the single sign-on button. */
    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("localAccounts", localAccounts);
        model.addAttribute("accounts", localAccounts ? DemoAccount.ALL_ACCOUNTS : java.util.List.of());
        model.addAttribute("demoPassword", DemoAccount.PASSWORD);
        return "login";
    }
}
