-- Broken script for the Curation schema parser tests: missing-paren-in-type.sql
-- What is broken: the length of varchar(32 is not closed.
-- The parser must throw SchemaParseException at line 9, column 28,
-- expected: ')' to close the arguments of type varchar opened at column 24
--
CREATE TABLE Target(
--/H Targets.
    targetID    bigint NOT NULL,       --/D Target identifier
    targetName  varchar(32 NOT NULL,   --/D Target name
)
GO
