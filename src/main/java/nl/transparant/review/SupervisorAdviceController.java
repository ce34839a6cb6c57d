package nl.transparant.review;

import nl.transparant.cases.Cases;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.SupervisorAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The supervisor's advice after prior consultation, recorded by a privacy officer of the case's organisation. */
@RestController
class SupervisorAdviceController {

    private final SupervisorAdvice supervisorAdvice;
    private final Cases cases;

    SupervisorAdviceController(SupervisorAdvice supervisorAdvice, Cases cases) {
        this.supervisorAdvice = supervisorAdvice;
        this.cases = cases;
    }

    @PostMapping("/api/cases/{caseId}/supervisor-advice")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void record(StaffUser user, @PathVariable String caseId, @RequestBody AdviceRequest request) {
        cases.read(user, caseId);
        supervisorAdvice.record(user, caseId, request.advice());
    }

    record AdviceRequest(String advice) {
    }
}
