-- Broken script for the Curation schema parser tests: unclosed-bracket.sql
-- What is broken: the bracketed column name [ra is not closed on its line.
-- The parser must throw SchemaParseException at line 9, column 5,
-- expected: ']' to close the identifier
--
CREATE TABLE Bracket(
--/H Brackets.
    [posID]     bigint NOT NULL,       --/D Position identifier
    [ra         float NOT NULL,        --/D Right ascension
)
GO
