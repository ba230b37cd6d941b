package org.shangliang.platform.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.shangliang.platform.outbox.OutboxAggregate;

/**
 * The rules of the codebase's shape, checked with ArchUnit on each service's compiled classes (tests left
 * out): its feature packages depend on each other in one direction only, and its domain model (the
 * aggregates saved with their outbox, and the plain rule classes a service names) knows nothing of HTTP,
 * Spring MVC, servlets or the store's queries. Mapping annotations ({@code @Document}, {@code @Id},
 * indexes) are allowed: they describe the document, they do not reach the store.
 */
public final class Architecture {

    /** What the model must not use: the web, HTTP statuses, Problem Details, MongoDB's template, queries and driver. */
    public static final String[] HTTP_AND_STORE = {
            "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..", "org.shangliang.platform.web..",
            "org.springframework.data.mongodb.core", "org.springframework.data.mongodb.core.query..",
            "org.springframework.data.mongodb.core.aggregation..", "com.mongodb..", "org.bson.."};

    private Architecture() {
    }

    public static JavaClasses classesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** No cycle between the feature packages below {@code basePackage} ({@code topic}, {@code timeline}, …). */
    public static void featurePackagesAreFreeOfCycles(String basePackage) {
        slices().matching(basePackage + ".(*)..").should().beFreeOfCycles().check(classesOf(basePackage));
    }

    /**
     * The aggregates (every {@link OutboxAggregate}) and the named rule classes, with their nested
     * classes, use nothing of {@link #HTTP_AND_STORE}: a rule says no with a {@code Rejection}, and
     * loading and saving happen around the model, not inside it.
     */
    public static void modelKeepsOutHttpAndTheStore(String basePackage, Class<?>... rules) {
        Set<String> named = new java.util.HashSet<>();
        for (Class<?> rule : rules) {
            named.add(rule.getName());
        }
        noClasses().that(describe("are aggregates or rule classes of the domain model", (JavaClass c) ->
                        c.isAssignableTo(OutboxAggregate.class) || named.contains(c.getName())
                                || c.getEnclosingClass().map(e -> named.contains(e.getName())
                                || e.isAssignableTo(OutboxAggregate.class)).orElse(false)))
                .should().dependOnClassesThat().resideInAnyPackage(HTTP_AND_STORE)
                .check(classesOf(basePackage));
    }
}
