-- Portable between MariaDB 10.11 and H2 in MariaDB mode.
-- The optional English version of an entry's texts (the national register offers Dutch and English): the owner's on the
-- case, and a copy frozen with every published version. NULL: no English texts; the Dutch ones are served, marked Dutch.

ALTER TABLE algorithm_case ADD COLUMN english_fields LONGTEXT NULL;
ALTER TABLE published_entry ADD COLUMN english_fields LONGTEXT NULL;
