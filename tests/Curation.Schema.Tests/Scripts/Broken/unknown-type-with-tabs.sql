-- Broken script for the Curation schema parser tests: unknown-type-with-tabs.sql
-- What is broken: column mag has the misspelt type reel, after tabs: the caret line keeps the tabs.
-- The parser must throw SchemaParseException at line 9, column 7,
-- expected: a SQL Server type for column mag of table Photometry
--
CREATE TABLE Photometry(
--/H Photometry.
		photID	bigint NOT NULL,	--/D Identifier
		mag	reel NOT NULL,	--/D Magnitude
)
GO
