-- People's names as the identity provider last gave them (Keycloak's name claim at sign-in or on a token), so pages
-- and reports show a name where the decision log keeps the account id. The log itself never changes: names are display.
CREATE TABLE staff_name (
    account_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    display_name VARCHAR(255) NOT NULL,
    seen_at      TIMESTAMP(6) NOT NULL
);
