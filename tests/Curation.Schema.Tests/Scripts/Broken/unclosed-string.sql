-- Broken script for the Curation schema parser tests: unclosed-string.sql
-- What is broken: the default string of column label is never closed.
-- The parser must throw SchemaParseException at line 9, column 46,
-- expected: a closing quote
--
CREATE TABLE Label(
--/H Labels.
    labelID     int NOT NULL,                      --/D Label identifier
    label       varchar(16) NOT NULL DEFAULT 'none,  --/D The label
    note        varchar(64) NOT NULL,              --/D A note
)
GO
