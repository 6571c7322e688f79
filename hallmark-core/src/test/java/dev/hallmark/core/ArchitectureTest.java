package dev.hallmark.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** hallmark-core stays pure (DESIGN.md): no I/O of its own, no hidden clock, JCA engines only in the crypto package. */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.hallmark.core");
    }

    @Test
    void coreDoesNoIoOfItsOwn() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net.http..", "java.sql..", "javax.net..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URL")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .check(core);
    }

    @Test
    void coreNeverReadsTheClockItself() {
        noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.InstantSource.class, "system")
                .orShould().callMethod(java.time.Clock.class, "systemUTC")
                .check(core);
    }

    @Test
    void jcaSignatureAndDigestEnginesStayInTheCryptoPackage() {
        noClasses().that().resideOutsideOfPackage("dev.hallmark.core.crypto..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.security.Signature")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.MessageDigest")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.KeyFactory")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.KeyPairGenerator")
                .check(core);
    }

    @Test
    void coreDependsOnNoOtherHallmarkModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "dev.hallmark.log..", "dev.hallmark.ca..", "dev.hallmark.registry..", "dev.hallmark.server..", "dev.hallmark.cli..")
                .check(core);
    }
}
