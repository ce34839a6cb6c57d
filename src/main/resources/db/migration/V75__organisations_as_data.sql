-- Portable between MariaDB 10.11 and H2 in MariaDB mode.
-- Organisations become data an administrator manages (see nl.transparant.organisations.Organisations).
--
-- Codes up to 64 characters, the length of the process engine's TENANT_ID_ columns (the organisation is the tenant of
-- its cases' process instances), so every real organisation name gets a readable code. MariaDB refuses to change a
-- column used in a foreign key, whatever foreign_key_checks says: the foreign keys on the code are dropped, the
-- columns widened and the keys added again, which checks every existing row once more.

ALTER TABLE algorithm_case DROP FOREIGN KEY fk_case_organisation;
ALTER TABLE published_entry DROP FOREIGN KEY fk_entry_organisation;
ALTER TABLE register_listing DROP FOREIGN KEY fk_listing_organisation;
ALTER TABLE problem_report DROP FOREIGN KEY fk_report_organisation;
ALTER TABLE national_register_delivery DROP FOREIGN KEY fk_delivery_organisation;

ALTER TABLE organisation MODIFY code VARCHAR(64) NOT NULL;
ALTER TABLE organisation MODIFY name VARCHAR(200) NOT NULL;
ALTER TABLE algorithm_case MODIFY organisation_code VARCHAR(64) NOT NULL;
ALTER TABLE published_entry MODIFY organisation_code VARCHAR(64) NOT NULL;
ALTER TABLE register_listing MODIFY organisation_code VARCHAR(64) NOT NULL;
ALTER TABLE register_listing MODIFY organisation_name VARCHAR(200) NOT NULL;
ALTER TABLE problem_report MODIFY organisation_code VARCHAR(64) NOT NULL;
ALTER TABLE national_register_delivery MODIFY organisation_code VARCHAR(64) NOT NULL;
-- no foreign key (the log outlives what it describes), but the same codes
ALTER TABLE decision_log MODIFY organisation_code VARCHAR(64);

ALTER TABLE algorithm_case ADD CONSTRAINT fk_case_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code);
ALTER TABLE published_entry ADD CONSTRAINT fk_entry_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code);
ALTER TABLE register_listing ADD CONSTRAINT fk_listing_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code);
ALTER TABLE problem_report ADD CONSTRAINT fk_report_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code);
ALTER TABLE national_register_delivery ADD CONSTRAINT fk_delivery_organisation
    FOREIGN KEY (organisation_code) REFERENCES organisation (code);

-- The national identity of an organisation (organisaties.overheid.nl / TOOI): national_id is the national register's
-- org_id (gm0599, pv28, ws0655, mnre1045, oorg10103, zb000117, so0830); NULL while nobody filled it in.
ALTER TABLE organisation ADD COLUMN national_id VARCHAR(20) NULL;
ALTER TABLE organisation ADD COLUMN tooi_uri VARCHAR(200) NULL;
ALTER TABLE organisation ADD COLUMN kvk CHAR(8) NULL;
-- the parent organisation (ROO's part_of), e.g. an agency of a ministry
ALTER TABLE organisation ADD COLUMN part_of VARCHAR(64) NULL;
-- an organisation is never deleted (its cases, entries and log records name it); it is switched off
ALTER TABLE organisation ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE organisation ADD CONSTRAINT uq_organisation_national_id UNIQUE (national_id);
ALTER TABLE organisation ADD CONSTRAINT uq_organisation_name UNIQUE (name);
ALTER TABLE organisation ADD CONSTRAINT fk_organisation_part_of FOREIGN KEY (part_of) REFERENCES organisation (code);

-- A shared service organisation and the organisations it works for (the BAR-organisatie for Barendrecht,
-- Albrandswaard and Ridderkerk). Information, not access: who may act for which organisation comes from Keycloak.
CREATE TABLE organisation_serves (
    organisation_code VARCHAR(64) NOT NULL,
    served_code       VARCHAR(64) NOT NULL,
    PRIMARY KEY (organisation_code, served_code),
    CONSTRAINT fk_serves_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code),
    CONSTRAINT fk_serves_served FOREIGN KEY (served_code) REFERENCES organisation (code)
);

-- The three municipalities seeded in V1, with their CBS codes. The BAR-organisatie and the MRDH keep no national id
-- here: an administrator fills it in (the demo's organisation file does so for the MRDH).
UPDATE organisation SET national_id = 'gm0637', tooi_uri = 'https://identifier.overheid.nl/tooi/id/gemeente/gm0637'
    WHERE code = 'zoetermeer';
UPDATE organisation SET national_id = 'gm1930', tooi_uri = 'https://identifier.overheid.nl/tooi/id/gemeente/gm1930'
    WHERE code = 'nissewaard';
UPDATE organisation SET national_id = 'gm0502', tooi_uri = 'https://identifier.overheid.nl/tooi/id/gemeente/gm0502'
    WHERE code = 'capelle';
