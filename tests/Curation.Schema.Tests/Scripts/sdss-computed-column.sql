--=========================================================================
--   sdss-computed-column.sql
--
--   Test script for the Curation schema parser, written for its test suite.
--   A computed column (name AS expression PERSISTED NOT NULL, no type) as the
--   last column of a table, after a blank line and without a comma, as in an
--   SDSS SkyServer infrared-match table.  See README.md beside this file.
--   Tag convention: SDSS.
--=========================================================================

--=============================================================
IF EXISTS (SELECT name FROM sysobjects
         WHERE xtype='U' AND name = 'ColourIndex')
	DROP TABLE ColourIndex
GO
--
EXEC spSetDefaultFileGroup 'PhotoFG'
GO
CREATE TABLE ColourIndex (
-------------------------------------------------------------------------------
--/H Colours of the infrared counterparts.
--/T One row per counterpart.
-------------------------------------------------------------------------------
    ciID        bigint NOT NULL,   --/D Identifier --/K ID_MAIN
    jMag        REAL NOT NULL,     --/U mag --/D J magnitude --/F J_M
    hMag        REAL NOT NULL,     --/U mag --/D H magnitude --/F H_M
    kMag        REAL NOT NULL,     --/U mag --/D K magnitude --/F K_M

    jkColour AS jMag - kMag - 0.5 * (hMag - kMag - 0.05) PERSISTED NOT NULL	--/D J-K colour - a computed column
)
GO


--=============================================================
IF EXISTS (SELECT name FROM sysobjects
         WHERE xtype='U' AND name = 'CounterpartLink')
	DROP TABLE CounterpartLink
GO
--
CREATE TABLE CounterpartLink (
-------------------------------------------------------------------------------
--/H Links between stars and their infrared counterparts.
-------------------------------------------------------------------------------
    starObsID   bigint NOT NULL,   --/D Star observation --/K ID_MAIN
    ciID        bigint NOT NULL,   --/D Counterpart --/K ID_CATALOG
)
GO
