package nl.transparant.register.problemreports;

import org.springframework.data.jpa.repository.JpaRepository;

interface ProblemReportRepository extends JpaRepository<ProblemReport, String> {

    long countByLarsAndStatus(String lars, ProblemReport.Status status);
}
