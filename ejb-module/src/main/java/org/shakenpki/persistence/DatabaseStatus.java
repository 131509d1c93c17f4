package org.shakenpki.persistence;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Whether the database answers, for the health endpoint. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseStatus {

    @Resource(lookup = DatabaseMigration.DATA_SOURCE)
    DataSource dataSource;

    /**
     * @param up      whether a connection was valid within two seconds
     * @param product the database product and version, when up
     * @param detail  the failure, when down
     */
    public record State(boolean up, String product, String detail) {
    }

    public State check() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return new State(false, "", "connection not valid");
            }
            var meta = connection.getMetaData();
            return new State(true, meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion(), "");
        } catch (SQLException e) {
            return new State(false, "", e.getMessage());
        }
    }
}
