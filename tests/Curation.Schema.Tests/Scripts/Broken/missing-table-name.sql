-- Broken script for the Curation schema parser tests: missing-table-name.sql
-- What is broken: CREATE TABLE has no table name.
-- The parser must throw SchemaParseException at line 6, column 14,
-- expected: a table name after CREATE TABLE
--
CREATE TABLE (
--/H Nameless.
    id          int NOT NULL,          --/D Identifier
)
GO
