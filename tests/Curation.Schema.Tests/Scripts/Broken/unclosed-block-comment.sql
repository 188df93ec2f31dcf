-- Broken script for the Curation schema parser tests: unclosed-block-comment.sql
-- What is broken: a block comment, holding a closed inner one, is never closed.
-- The parser must throw SchemaParseException at line 12, column 1,
-- expected: '*/' to close the block comment
--
CREATE TABLE Kept(
--/H A table before the comment.
    keptID      int NOT NULL,    --/D Identifier
)
GO

/* the outer comment opens here
   /* an inner comment, closed */
CREATE TABLE Lost(
    lostID      int NOT NULL
)
GO
