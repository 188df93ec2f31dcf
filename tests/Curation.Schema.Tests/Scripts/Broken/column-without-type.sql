-- Broken script for the Curation schema parser tests: column-without-type.sql
-- What is broken: column ra has no type: NOT follows its name.
-- The parser must throw SchemaParseException at line 9, column 17,
-- expected: a SQL Server type for column ra of table Pointing
--
CREATE TABLE Pointing(
--/H Telescope pointings.
    pointingID  bigint NOT NULL,   --/D Pointing identifier
    ra          NOT NULL,          --/D Right ascension --/U deg
    dec         float NOT NULL,    --/D Declination --/U deg
)
GO
