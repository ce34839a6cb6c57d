package nl.transparant.obligations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.obligations.ObligationEvents.EuRegistrationConfirmed;
import nl.transparant.obligations.ObligationEvents.EuRegistrationSaved;
import nl.transparant.organisations.Organisation;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.problems.PlainText;
import nl.transparant.problems.ProblemTexts;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.Screenings;
import nl.transparant.workflow.review.ReviewTasks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registration of a high-risk AI system's use in the EU database (AI Act Art. 49(3), Annex VIII Section C): the
 * deployer, a contact, the provider's entry the system is registered under, the member state, and summaries of the
 * fundamental-rights impact assessment (Art. 27; the IAMA) and of the DPIA (GDPR Art. 35). Drafted from the recorded
 * assessments, edited and saved by the owner, then confirmed with the number the EU database gave.
 *
 * <p>Every organisation of this product is a public body, so a high-risk Annex III system it deploys is always one
 * its use must be registered for.
 */
@Service
@Transactional
public class EuDatabaseRegistrations {

    static final Set<String> MEMBER_STATES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
    static final int MAX_SUMMARY = 5_000;

    private final JdbcTemplate jdbc;
    private final nl.transparant.identity.PeopleNames people;
    private final Cases cases;
    private final CaseAiActProfile profiles;
    private final ObligationsCatalogue catalogue;
    private final Screenings screenings;
    private final OrganisationDirectory organisations;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final ReviewTasks reviewTasks;

    EuDatabaseRegistrations(JdbcTemplate jdbc, Cases cases, CaseAiActProfile profiles, ObligationsCatalogue catalogue, Screenings screenings,
            OrganisationDirectory organisations, ObjectMapper json, ApplicationEventPublisher events, ReviewTasks reviewTasks,
            nl.transparant.identity.PeopleNames people) {
        this.jdbc = jdbc;
        this.people = people;
        this.cases = cases;
        this.profiles = profiles;
        this.catalogue = catalogue;
        this.screenings = screenings;
        this.organisations = organisations;
        this.json = json;
        this.events = events;
        this.reviewTasks = reviewTasks;
    }

    /** The Section C fields; {@code saved} false while it is only the draft from the recorded work. */
    public record Registration(String caseId, String deployerName, String contact, String providerEntry, String memberState,
            String friaSummary, String dpiaSummary, boolean saved, String registrationNumber, String confirmedBy, Instant confirmedAt,
            String updatedBy, Instant updatedAt) {

        public boolean confirmed() {
            return registrationNumber != null;
        }
    }

    /**
     * The Section C fields as the owner sends them; {@code basedOn}, optional, is when the registration was last saved as
     * the sender saw it ({@link Registration#updatedAt()}, "" when it was not saved yet): when someone saved it since,
     * nothing is stored (409), so a colleague's registration is not replaced unseen (outside tester).
     */
    public record Form(String deployerName, String contact, String providerEntry, String memberState, String friaSummary,
            String dpiaSummary, String basedOn) {

        public Form(String deployerName, String contact, String providerEntry, String memberState, String friaSummary,
                String dpiaSummary) {
            this(deployerName, contact, providerEntry, memberState, friaSummary, dpiaSummary, null);
        }
    }

    @Transactional(readOnly = true)
    public boolean required(String caseId) {
        return profiles.of(caseId).highRiskDeployer();
    }

    @Transactional(readOnly = true)
    public boolean confirmed(String caseId) {
        return stored(caseId).map(Registration::confirmed).orElse(false);
    }

    /** The saved registration, or a draft from what the case recorded; 404 for a case that needs none. */
    @Transactional(readOnly = true)
    public Registration view(StaffUser user, String caseId) {
        AlgorithmCase c = cases.read(user, caseId);
        if (!required(c.getId())) {
            throw NotFoundException.of("problem.euRegistration.notRequired");
        }
        return stored(c.getId()).orElseGet(() -> draft(c));
    }

    public Registration save(StaffUser owner, String caseId, Form form) {
        AlgorithmCase c = ownersCase(owner, caseId);
        if (confirmed(c.getId())) {
            throw new ConflictException("The registration is confirmed with its number; it no longer changes here.");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String deployer = required("deployerName", form.deployerName(), 200, problems);
        String contact = required("contact", form.contact(), 500, problems);
        String provider = required("providerEntry", form.providerEntry(), 200, problems);
        String memberState = form.memberState() == null ? "" : form.memberState().strip();
        if (!MEMBER_STATES.contains(memberState)) {
            problems.add(FieldProblem.of("memberState", "problem.euRegistration.memberState"));
        }
        String fria = required("friaSummary", form.friaSummary(), MAX_SUMMARY, problems);
        String dpia = required("dpiaSummary", form.dpiaSummary(), MAX_SUMMARY, problems);
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.euRegistration.invalid", problems);
        }
        if (form.basedOn() != null) {
            // the registration's row, locked until this transaction ends, so two saves on the same state cannot both pass
            List<String[]> current = jdbc.query("SELECT updated_by, updated_at FROM eu_registration WHERE case_id = ? FOR UPDATE",
                    (rs, row) -> new String[] {rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant().toString()}, c.getId());
            String stamp = current.isEmpty() ? "" : current.get(0)[1];
            if (!stamp.equals(form.basedOn().strip())) {
                String by = current.isEmpty() ? null : current.get(0)[0];
                throw by == null || by.equals(owner.id())
                        ? ConflictException.of("problem.euRegistration.changedMeanwhile")
                        : ConflictException.of("problem.euRegistration.changedMeanwhileBy", people.name(by));
            }
        }
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        int changed = jdbc.update("UPDATE eu_registration SET deployer_name = ?, contact = ?, provider_entry = ?, member_state = ?, fria_summary = ?,"
                + " dpia_summary = ?, updated_by = ?, updated_at = ? WHERE case_id = ?", deployer, contact, provider, memberState, fria, dpia,
                owner.id(), now, c.getId());
        if (changed == 0) {
            // the first save of this case's row: another request may insert it at the same moment (both found nothing to
            // update); the second gets a 409 to try again, the first's stays (outside test: a 500)
            try {
                jdbc.update("INSERT INTO eu_registration (case_id, deployer_name, contact, provider_entry, member_state, fria_summary, dpia_summary,"
                        + " updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", c.getId(), deployer, contact, provider, memberState, fria, dpia,
                        owner.id(), now);
            } catch (org.springframework.dao.DuplicateKeyException sameMoment) {
                throw ConflictException.of("problem.conflict.sameMoment");
            }
        }
        cases.workedOnBy(c.getId(), owner.id());
        events.publishEvent(new EuRegistrationSaved(c.getId(), c.getOrganisationCode(), owner.id(), deployer, provider, memberState));
        return stored(c.getId()).orElseThrow();
    }

    /** @param language the reader's language, for a refusal they can act on (Dutch unless English) */
    public Registration confirm(StaffUser owner, String caseId, String registrationNumber, java.util.Locale language) {
        AlgorithmCase c = ownersCase(owner, caseId);
        String number = registrationNumber == null ? "" : registrationNumber.strip();
        if (!number.matches("[A-Za-z0-9][A-Za-z0-9./-]{0,99}")) {
            throw InvalidInputException.of("problem.euRegistration.number", List.of(FieldProblem.of(
                    "registrationNumber", "problem.euRegistration.numberForm")));
        }
        List<String> missing = new ArrayList<>();
        if (screenings.latest(c.getId(), Screenings.IAMA).isEmpty()) {
            missing.add("IAMA");
        }
        // Annex VIII C(6) asks the DPIA's summary where one applies: not when the running review's route decided none is
        // needed (no personal data); when no route is known, it is asked (fail closed)
        boolean dpiaNotNeeded = reviewTasks.routeAhead(owner, c.getId()).map(r -> r.decided() && !r.dpia()).orElse(false);
        if (!dpiaNotNeeded && screenings.latest(c.getId(), Screenings.DPIA).isEmpty()) {
            missing.add("DPIA");
        }
        if (!missing.isEmpty()) {
            // its summaries stand for the recorded assessments: confirmed and frozen before them, they would summarise nothing
            // told in the reader's language: the handlers answer with the message as is
            throw new ConflictException(ProblemTexts.text("problem.euRegistration.assessmentsMissing", List.of(String.join(" + ", missing)),
                    language));
        }
        Registration saved = stored(c.getId()).orElseThrow(() -> new ConflictException(
                "Save the registration first; then confirm it with the number the EU database gave."));
        if (saved.confirmed()) {
            throw new ConflictException("The registration is already confirmed with number " + saved.registrationNumber() + ".");
        }
        jdbc.update("UPDATE eu_registration SET registration_number = ?, confirmed_by = ?, confirmed_at = ? WHERE case_id = ?", number,
                owner.id(), Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), c.getId());
        cases.workedOnBy(c.getId(), owner.id());
        events.publishEvent(new EuRegistrationConfirmed(c.getId(), c.getOrganisationCode(), owner.id(), number));
        return stored(c.getId()).orElseThrow();
    }

    private AlgorithmCase ownersCase(StaffUser owner, String caseId) {
        AlgorithmCase c = cases.read(owner, caseId);
        if (!owner.has(Role.PROJECT_OWNER)) {
            throw new ForbiddenException("Only a project owner of the case's organisation prepares the EU database registration.");
        }
        if (!required(c.getId())) {
            throw new NotFoundException("Case '" + caseId + "' needs no EU database registration.");
        }
        if (Obligations.ended(c)) {
            throw new ConflictException("This case is closed.");
        }
        return c;
    }

    /** The draft: the organisation, the case's contact and supplier, and the recorded IAMA and DPIA in a few sentences. */
    private Registration draft(AlgorithmCase c) {
        String deployer = organisations.findById(c.getOrganisationCode()).map(Organisation::getName).orElse(c.getOrganisationCode());
        Object contact = c.getRegisterFields().get("contact_email");
        Object provider = c.getRegisterFields().get("provider");
        return new Registration(c.getId(), deployer, contact == null ? "" : String.valueOf(contact), provider == null ? "" : String.valueOf(provider),
                catalogue.current().release().memberState(), friaDraft(c.getId()), dpiaDraft(c.getId()), false, null, null, null, null, null);
    }

    String friaDraft(String caseId) {
        return screenings.latest(caseId, Screenings.IAMA).map(record -> {
            JsonNode outcome = outcome(record);
            return "IAMA vastgelegd op " + record.getRecordedAt().toString().substring(0, 10) + " (" + record.getDefinitionUrn() + " versie "
                    + record.getDefinitionVersion() + "). Risico voor grondrechten: " + outcome.path("fundamentalRightsRisk").asText("onbekend")
                    + ". Grondrechtenbeoordeling (FRIA): " + friaInWords(outcome.path("fria").asText(null)) + ". "
                    + (outcome.path("stop").asBoolean() ? "Het IAMA gaf een reden om te stoppen." : "Het IAMA gaf geen reden om te stoppen.");
        }).orElse("");
    }

    /** The draft is Dutch text for the EU database's form: the IAMA's code for the FRIA in words ("not_required" is no word). */
    private static String friaInWords(String fria) {
        return fria == null ? "onbekend" : switch (fria) {
            case "required" -> "verplicht";
            case "not_required" -> "niet verplicht";
            default -> fria;
        };
    }

    String dpiaDraft(String caseId) {
        return screenings.latest(caseId, Screenings.DPIA).map(record -> {
            JsonNode outcome = outcome(record);
            return "DPIA vastgelegd op " + record.getRecordedAt().toString().substring(0, 10) + " (" + record.getDefinitionUrn() + " versie "
                    + record.getDefinitionVersion() + "). Restrisico na maatregelen: " + outcome.path("residualRisk").asText("onbekend") + ". "
                    + (outcome.path("priorConsultationRequired").asBoolean() ? "Voorafgaande raadpleging van de AP is nodig."
                            : "Voorafgaande raadpleging van de AP is niet nodig.");
        }).orElse("");
    }

    private JsonNode outcome(ScreeningRecord record) {
        try {
            return json.readTree(record.getOutcome());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Screening record " + record.getCaseId() + " is unreadable", e);
        }
    }

    private Optional<Registration> stored(String caseId) {
        return jdbc.query("SELECT * FROM eu_registration WHERE case_id = ?", this::registration, caseId).stream().findFirst();
    }

    private Registration registration(ResultSet rs, int row) throws SQLException {
        Timestamp confirmedAt = rs.getTimestamp("confirmed_at");
        return new Registration(rs.getString("case_id"), rs.getString("deployer_name"), rs.getString("contact"), rs.getString("provider_entry"),
                rs.getString("member_state"), rs.getString("fria_summary"), rs.getString("dpia_summary"), true,
                rs.getString("registration_number"), rs.getString("confirmed_by"), confirmedAt == null ? null : confirmedAt.toInstant(),
                rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());
    }

    private static String required(String field, String value, int max, List<FieldProblem> problems) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            problems.add(FieldProblem.of(field, "problem.field.requiredValue"));
        } else if (text.length() > max) {
            problems.add(FieldProblem.of(field, "problem.text.tooLong", max));
        } else if (PlainText.containsMarkup(text)) {
            problems.add(FieldProblem.of(field, "problem.text.markup"));
        }
        return text;
    }
}
