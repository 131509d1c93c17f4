package org.shakenpki.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * The application's JTA data source and its schema.
 *
 * <p>The data source is defined by the application, its settings read from MicroProfile Config
 * ({@code shakenpki.db.*} in {@code META-INF/microprofile-config.properties}: an H2 file database under the
 * data directory by default, PostgreSQL under the {@code pg} profile, every value overridable by environment
 * variables such as {@code SHAKENPKI_DB_URL}). The {@code ${MPCONFIG=...}} syntax is Payara's; on another
 * application server, define {@code java:app/jdbc/shakenpki} there instead.
 *
 * <p>The schema is owned by the versioned Flyway migrations in {@code db/migration}, applied here before any
 * other start-up bean runs (they declare {@code @DependsOn("DatabaseMigration")}); JPA never generates DDL.
 * Flyway takes a database lock while migrating, so nodes of a cluster starting together migrate once.
 */
@DataSourceDefinition(
        name = DatabaseMigration.DATA_SOURCE,
        className = "${MPCONFIG=shakenpki.db.class}",
        url = "${MPCONFIG=shakenpki.db.url}",
        user = "${MPCONFIG=shakenpki.db.user}",
        password = "${MPCONFIG=shakenpki.db.password}",
        transactional = true,
        minPoolSize = 2,
        maxPoolSize = 32)
@Singleton
@Startup
@DependsOn("SettingsCheck")
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigration {
    public static final String DATA_SOURCE = "java:app/jdbc/shakenpki";
    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    /** Set once this node's start-up migration has finished: before it, the schema may be missing or older. */
    private static volatile boolean schemaReady;

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    /**
     * Whether the schema is at this build's version on this node. The health checks that read the database ask
     * first: Payara runs them as soon as the application is deployed, before the start-up beans have migrated.
     */
    public static boolean schemaReady() {
        return schemaReady;
    }

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
        schemaReady = true;
    }
}
