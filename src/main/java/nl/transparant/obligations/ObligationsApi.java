package nl.transparant.obligations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.transparant.identity.StaffUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The obligations of a case and its EU database registration as JSON, with URNs; the owner's updates without files. */
@RestController
class ObligationsApi {

    private final Obligations obligations;
    private final EuDatabaseRegistrations registrations;

    ObligationsApi(Obligations obligations, EuDatabaseRegistrations registrations) {
        this.obligations = obligations;
        this.registrations = registrations;
    }

    record FileView(long id, String fileName, String contentType, long sizeBytes, String sha256, String uploadedBy, Instant uploadedAt) {
    }

    record MeasureExport(String urn, String version, String name, String url, List<String> lifecycle, List<String> requirements,
            String status, String reason, String evidenceText, String evidenceLink, List<FileView> files, String updatedBy, Instant updatedAt,
            boolean outdated) {

        static MeasureExport of(Obligations.MeasureView v) {
            Obligations.MeasureState s = v.state();
            return new MeasureExport(v.measure().urn(), v.measure().version(), v.measure().name(), v.measure().url(), v.measure().lifecycle(),
                    v.requirementUrns(), s.status(), s.reason(), s.evidenceText(), s.evidenceLink(),
                    v.files().stream().map(f -> new FileView(f.id(), f.fileName(), f.contentType(), f.sizeBytes(), f.sha256(), f.uploadedBy(),
                            f.uploadedAt())).toList(), s.updatedBy(), s.updatedAt(), v.outdated());
        }
    }

    record RequirementExport(String urn, String version, String name, String description, String url, boolean met,
            boolean requiredBeforeRelease, List<String> measures) {
    }

    record ObligationsExport(String caseId, Map<String, Set<String>> aiActProfile, List<RequirementExport> requirements,
            List<MeasureExport> measures) {
    }

    @GetMapping("/api/cases/{caseId}/obligations")
    ObligationsExport obligations(StaffUser user, @PathVariable String caseId) {
        return export(obligations.checklist(user, caseId));
    }

    @PutMapping("/api/cases/{caseId}/obligations/measures")
    MeasureExport record(StaffUser user, @PathVariable String caseId, @RequestBody Obligations.MeasureUpdate update) {
        return MeasureExport.of(obligations.record(user, caseId, update, null));
    }

    @GetMapping("/api/cases/{caseId}/eu-registration")
    EuDatabaseRegistrations.Registration registration(StaffUser user, @PathVariable String caseId) {
        return registrations.view(user, caseId);
    }

    @PutMapping("/api/cases/{caseId}/eu-registration")
    EuDatabaseRegistrations.Registration save(StaffUser user, @PathVariable String caseId, @RequestBody EuDatabaseRegistrations.Form form) {
        return registrations.save(user, caseId, form);
    }

    record Confirmation(String registrationNumber) {
    }

    @PostMapping("/api/cases/{caseId}/eu-registration/confirmation")
    EuDatabaseRegistrations.Registration confirm(StaffUser user, @PathVariable String caseId, @RequestBody Confirmation confirmation,
            jakarta.servlet.http.HttpServletRequest request) {
        // the API's convention: English if the caller prefers it (Accept-Language), else Dutch
        return registrations.confirm(user, caseId, confirmation.registrationNumber(), request.getLocale());
    }

    static ObligationsExport export(Obligations.Checklist checklist) {
        return new ObligationsExport(checklist.caseId(), checklist.profile().fields(),
                checklist.requirements().stream().map(r -> new RequirementExport(r.requirement().urn(), r.requirement().version(),
                        r.requirement().name(), r.requirement().description(), r.requirement().url(), r.met(), r.requiredBeforeRelease(),
                        r.measureUrns())).toList(),
                checklist.measures().stream().map(MeasureExport::of).toList());
    }
}
