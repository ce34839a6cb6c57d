-- Transparant's two database accounts on MariaDB (README, "Audit log"). Run once as a database administrator,
-- after replacing both passwords:  mariadb -u root -p < mariadb/transparant-accounts.sql
--
--   transparant_owner  owns the schema: Flyway's migrations and the process engine's tables are created with it
--                      (TRANSPARANT_DB_OWNER_USER / TRANSPARANT_DB_OWNER_PASSWORD). It holds the GRANT OPTION so that,
--                      after every migration run, it gives the application's account its rights table by table.
--   transparant_app    the account the application connects with (TRANSPARANT_DB_USER / TRANSPARANT_DB_PASSWORD,
--                      and TRANSPARANT_DB_APP_ACCOUNT=transparant_app@%). Nothing at database level: no CREATE, DROP,
--                      ALTER, TRIGGER or GRANT. After each migration run the owner grants it:
--                        decision_log           SELECT, INSERT            (no UPDATE, no DELETE)
--                        decision_log_head      SELECT, UPDATE            (the row every append locks and moves)
--                        flyway_schema_history  nothing
--                        every other table      SELECT, INSERT, UPDATE, DELETE
--
-- Use a host narrower than '%' where the network allows it (then TRANSPARANT_DB_APP_ACCOUNT=transparant_app@thathost).

CREATE DATABASE IF NOT EXISTS transparant CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'transparant_owner'@'%' IDENTIFIED BY 'replace-with-the-owner-password';
CREATE USER IF NOT EXISTS 'transparant_app'@'%' IDENTIFIED BY 'replace-with-the-application-password';

GRANT ALL PRIVILEGES ON transparant.* TO 'transparant_owner'@'%' WITH GRANT OPTION;

-- Check afterwards (once the application has started and migrated):
--   SHOW GRANTS FOR 'transparant_app'@'%';
-- lists "GRANT SELECT, INSERT ON `transparant`.`decision_log`" and no database-wide rights but USAGE.
