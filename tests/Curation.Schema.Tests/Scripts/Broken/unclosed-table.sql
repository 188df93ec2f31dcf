-- Broken script for the Curation schema parser tests: unclosed-table.sql
-- What is broken: the column list of table Survey is never closed; the error is at the end of the file (no final newline).
-- The parser must throw SchemaParseException at line 9, column 56,
-- expected: ')' to close table Survey opened at line 6
--
CREATE TABLE Survey(
--/H Surveys.
    surveyID    int NOT NULL,          --/D Survey identifier
    surveyName  varchar(32) NOT NULL,  --/D Survey name