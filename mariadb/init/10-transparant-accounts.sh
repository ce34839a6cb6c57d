#!/bin/bash
# Run by the mariadb image once, when its data volume is created (docker-entrypoint-initdb.d). The image has already
# made the database and the owner's account (MARIADB_DATABASE, MARIADB_USER); this adds what
# mariadb/transparant-accounts.sql does by hand: the owner may grant, and the application's own account exists with no
# rights yet (the owner grants them, table by table, after each migration run).
set -euo pipefail

sql_text() {
    local escaped=${1//\\/\\\\}
    printf "'%s'" "${escaped//\'/\'\'}"
}

mariadb --protocol=socket -uroot -p"${MARIADB_ROOT_PASSWORD}" <<SQL
CREATE USER IF NOT EXISTS $(sql_text "${TRANSPARANT_APP_DB_USER}")@'%' IDENTIFIED BY $(sql_text "${TRANSPARANT_APP_DB_PASSWORD}");
GRANT ALL PRIVILEGES ON \`${MARIADB_DATABASE}\`.* TO $(sql_text "${MARIADB_USER}")@'%' WITH GRANT OPTION;
SQL
