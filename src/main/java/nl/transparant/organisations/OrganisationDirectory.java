package nl.transparant.organisations;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OrganisationDirectory extends JpaRepository<Organisation, String> {

    default List<Organisation> allByName() {
        return findAll(Sort.by("name"));
    }

    default String nameOf(String code) {
        return findById(code).map(Organisation::getName).orElse(code);
    }

    Optional<Organisation> findByName(String name);

    Optional<Organisation> findByNationalId(String nationalId);
}
