package nl.transparant.audit;

import java.util.List;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ForbiddenException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The decision log's signed checkpoints: public (JSON and a page of the register, with the public key, so anyone can
 * keep copies and verify offline), and signed on demand by an administrator.
 */
@Controller
class CheckpointApi {

    private final Checkpoints checkpoints;

    CheckpointApi(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    record Published(String algorithm, String publicKey, String keyId, String signedText, List<Checkpoint> checkpoints) {
    }

    @GetMapping("/api/public/checkpoints")
    @ResponseBody
    Published published() {
        return new Published(CheckpointKey.ALGORITHM, checkpoints.publicKey(), checkpoints.keyId(),
                Checkpoint.VERSION + "\\n{number}\\n{logSeq}\\n{logHash}\\n{signedAt}\\n (UTF-8)", checkpoints.all());
    }

    @GetMapping({"/register/checkpoints", "/en/register/checkpoints"})
    String page(Model model) {
        model.addAttribute("published", published());
        return "register/checkpoints";
    }

    /** Signs the head now (a release, an audit about to start); 204 while the log is empty. */
    @PostMapping("/api/admin/checkpoints")
    @ResponseBody
    ResponseEntity<Checkpoint> signNow(StaffUser user) {
        if (!user.has(Role.ADMIN)) {
            throw new ForbiddenException("Only an administrator signs a checkpoint on demand.");
        }
        return checkpoints.signHead().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }
}
