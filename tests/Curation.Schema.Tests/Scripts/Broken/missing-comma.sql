-- Broken script for the Curation schema parser tests: missing-comma.sql
-- What is broken: no comma between columns ra and dec; the comment after ra does not hide it.
-- The parser must throw SchemaParseException at line 10, column 5,
-- expected: ',' or ')' after column ra in table Position
--
CREATE TABLE Position(
--/H Positions.
    posID       bigint NOT NULL,       --/D Position identifier
    ra          float NOT NULL         --/D Right ascension --/U deg
    dec         float NOT NULL,        --/D Declination --/U deg
)
GO
