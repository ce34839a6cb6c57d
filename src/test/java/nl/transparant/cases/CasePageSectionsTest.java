package nl.transparant.cases;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The case page is put together from sections: its own package names no questionnaire, so a questionnaire is added
 * or changed in {@code cases.questionnaire} alone (see docs/architecture/README.md, "Sections of the case page").
 */
class CasePageSectionsTest {

    @Test
    void theCasesRootNamesNoClassOfTheQuestionnaires() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.transparant.cases");
        noClasses().that().resideInAPackage("nl.transparant.cases")
                .should().dependOnClassesThat().resideInAPackage("nl.transparant.cases.questionnaire..")
                .because("the questionnaires reach the case page as a CasePageSection")
                .check(main);
    }
}
