-- Broken script for the Curation schema parser tests: view-without-as.sql
-- What is broken: the view has no AS before its query.
-- The parser must throw SchemaParseException at line 8, column 1,
-- expected: AS before the query of view Recent
--
CREATE VIEW Recent
--/H Recent rows.
SELECT * FROM Target
GO
