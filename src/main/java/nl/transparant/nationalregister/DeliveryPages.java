package nl.transparant.nationalregister;

import jakarta.servlet.http.HttpServletResponse;
import nl.transparant.identity.StaffUser;
import nl.transparant.site.PageController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff page of the connector's outbox: what went to the national register, what failed and why. */
@PageController
class DeliveryPages {

    private final DeliveryBoard board;

    DeliveryPages(DeliveryBoard board) {
        this.board = board;
    }

    @GetMapping("/staff/register/deliveries")
    String list(StaffUser staff, Model model, HttpServletResponse response) {
        model.addAttribute("enabled", board.enabled());
        model.addAttribute("deliveries", board.visibleTo(staff));
        model.addAttribute("pageUrl", "/staff/register/deliveries");
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        return "nationalregister/deliveries";
    }

    @PostMapping("/staff/register/deliveries/{id}/retry")
    String retry(StaffUser staff, @PathVariable long id, RedirectAttributes redirect) {
        board.retryNow(staff, id);
        redirect.addFlashAttribute("flash", "flash.deliveryRetry");
        return "redirect:/staff/register/deliveries";
    }

    @PostMapping("/staff/register/deliveries/retract/{lars}")
    String retract(StaffUser staff, @PathVariable String lars, RedirectAttributes redirect) {
        board.retract(staff, lars);
        redirect.addFlashAttribute("flash", "flash.deliveryRetract");
        return "redirect:/staff/register/deliveries";
    }
}
