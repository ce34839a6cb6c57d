package nl.transparant.site;

import java.util.List;
import nl.transparant.identity.DemoAccount;
import nl.transparant.identity.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@PageController
class SiteController {

    private final boolean localAccounts;

    SiteController(@Value("${transparant.identity.mode}") String identityMode) {
        this.localAccounts = "local".equals(identityMode);
    }

    /** A demo account as the sign-in page lists it, with its role names and organisations in a stable order. */
    record AccountRow(String username, String displayName, List<String> roles, List<String> organisations) {

        static AccountRow of(DemoAccount account) {
            return new AccountRow(account.username(), account.displayName(),
                    account.roles().stream().map(Role::roleName).sorted().toList(), account.organisations().stream().sorted().toList());
        }
    }

    @GetMapping("/")
    String home() {
        return "redirect:/register";
    }

    /** Lists the demo accounts in the embedded set-up; with Keycloak it offers the single sign-on button. */
    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("localAccounts", localAccounts);
        model.addAttribute("accounts", localAccounts ? DemoAccount.ALL_ACCOUNTS.stream().map(AccountRow::of).toList() : List.of());
        model.addAttribute("demoPassword", DemoAccount.PASSWORD);
        return "login";
    }
}
