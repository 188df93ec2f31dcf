-- Broken script for the Curation schema parser tests: garbage-column.sql
-- What is broken: garbage where a column definition was expected.
-- The parser must throw SchemaParseException at line 9, column 5,
-- expected: a column name in table Flux
--
CREATE TABLE Flux(
--/H Fluxes.
    fluxID      bigint NOT NULL,       --/D Flux identifier
    !!! this is not a column
    flux        real NOT NULL,         --/D Flux
)
GO
