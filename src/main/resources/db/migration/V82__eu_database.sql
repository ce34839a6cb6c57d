-- The registration of a high-risk AI system's use in the EU database (AI Act Art. 49(3), Annex VIII Section C), as
-- the owner prepares it: drafted from the recorded assessments, edited by the owner, confirmed with the number the
-- EU database gave. One per case.
CREATE TABLE eu_registration (
    case_id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    deployer_name        VARCHAR(200)  NOT NULL,
    contact              VARCHAR(500)  NOT NULL,
    provider_entry       VARCHAR(200)  NOT NULL,
    member_state         CHAR(2)       NOT NULL,
    fria_summary         LONGTEXT      NOT NULL,
    dpia_summary         LONGTEXT      NOT NULL,
    registration_number  VARCHAR(100),
    confirmed_by         VARCHAR(100),
    confirmed_at         DATETIME(6),
    updated_by           VARCHAR(100)  NOT NULL,
    updated_at           DATETIME(6)   NOT NULL,
    CONSTRAINT fk_eu_registration_case FOREIGN KEY (case_id) REFERENCES algorithm_case (id)
);
