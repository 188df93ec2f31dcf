--=============================================================================
-- Test script written for the Curation tests: the SDSS SkyServer convention,
-- where --/K is a UCD, --/R an enumeration, --/A an admin flag and --/F a FITS
-- column with an optional array index or NOFITS.
--=============================================================================
EXEC spSetDefaultFileGroup 'PhotoFG'
GO
--
CREATE TABLE PhotoThing (
-------------------------------------------------------------------------------
--/H Photometric things.
--
--/T One row per thing.
-------------------------------------------------------------------------------
	thingID		bigint NOT NULL,	--/D Unique identifier --/K ID_MAIN --/F objid
	ra		float NOT NULL,		--/U deg --/D Right ascension --/K POS_EQ_RA_MAIN --/F ra
	flux_g		real NOT NULL,		--/U nanomaggies --/D Flux in g --/K PHOT_FLUX --/F flux 1
	flags		bigint NOT NULL,	--/D Flags --/R PhotoFlags --/F NOFITS
	loadVersion	int NOT NULL,		--/D Load version --/A --/F NOFITS
	img		varbinary(max) NOT NULL DEFAULT 0x1111,	--/D Image --/K IMAGE? 
)
GO
PRINT '[sdss-irregular.sql]: done'
GO
