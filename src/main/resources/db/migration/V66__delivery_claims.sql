-- Portable between MariaDB 10.11 and H2 in MariaDB mode.
-- Several application nodes work off the national register's outbox: a node claims a row for a while before it sends
-- anything, so no two nodes deliver the same version (two creates there would make two national entries). A claim of
-- a node that died runs out and another node takes the row.
ALTER TABLE national_register_delivery ADD COLUMN claimed_by VARCHAR(100);
ALTER TABLE national_register_delivery ADD COLUMN claimed_until DATETIME(6);
