-- Broken script for the Curation schema parser tests: temporary-table-outside-routine.sql
-- What is broken: a temporary table is created outside a procedure; the error is at its name.
-- The parser must throw SchemaParseException at line 6, column 14,
-- expected: a permanent table name
--
CREATE TABLE #scratch(
    id          int NOT NULL
)
GO
