package dev.hallmark.log.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Integrator election on PostgreSQL: a session-level advisory lock keyed by schema and log name, held on a dedicated
 * connection. Every node sharing the database tries it; exactly one holds it. When the holder dies or its connection
 * breaks, PostgreSQL drops the lock with the session and another node takes it on its next try. A holder re-checks its
 * connection on every {@link #tryAcquire()}; publication is guarded by compare-and-set in any case.
 */
final class AdvisoryLockLease implements IntegratorLease {
    private static final String KEY = "hashtext('hallmark-log/' || current_schema() || '/' || ?)";

    private final DataSource dataSource;
    private final String logName;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection session;

    AdvisoryLockLease(DataSource dataSource, String logName) {
        this.dataSource = dataSource;
        this.logName = logName;
    }

    @Override
    public boolean tryAcquire() {
        lock.lock();
        try {
            if (session != null) {
                if (session.isValid(2)) {
                    return true;
                }
                closeQuietly();
            }
            Connection c = dataSource.getConnection();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
                ps.setString(1, logName);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        session = c;
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            closeQuietly();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (session != null) {
                try (PreparedStatement ps = session.prepareStatement("SELECT pg_advisory_unlock(" + KEY + ")")) {
                    ps.setString(1, logName);
                    ps.execute();
                } catch (SQLException e) {
                    // closing the session releases it too
                }
            }
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                // nothing more to release
            }
            session = null;
        }
    }
}
