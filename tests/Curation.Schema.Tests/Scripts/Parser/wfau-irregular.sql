--=============================================================================
--
-- Test script written for the Curation tests. It reproduces, with its own
-- tables, every irregularity of the WFAU (Gaia-ESO Survey) schema scripts that
-- ../shared/fixtures/schema/SOURCES.md lists.
--
--=============================================================================
--
-- USE TESTDB
--GO
--
IF EXISTS (SELECT * FROM sysobjects where name='Observation') DROP TABLE Observation
GO
if exists (select * from dbo.sysobjects where id = object_id(N'Obs.Plate')) drop table Obs.Plate
GO

-- ----------------------------------------------------------------------------
CREATE TABLE Obs.Plate(
-------------------------------------------------------------------------------
--/H Details of photographic plates.
--
--/T The Plate table lists every plate scanned.
--/T A second line of text.
--/T
--/T Required constraints: primary key is (plateID)
-------------------------------------------------------------------------------
plateID     INTEGER not null default -99999999,   --/D Plate identifier --/C ID_PLATE
label       varchar(6) not null default '--', --/D Label, <table border="1" class='v'><tr><td>a</td></tr></table> --/C ID_ALTERNATIVE
--vr        real not null default -9.999995e+08,  --/D A withdrawn column --/U mag --/K VMAG
epoch       float not null default -9.999995e+08, --/D Epoch of observation --/U years --/K MJD-OBS --/N -0.9999995e9 --/R 0.,None
obsDate     TIMESTAMP not null default '9999-12-31 23:59:59', --/D Observing date --/K DATE-OBS --/N 12-31-9999 --/G Multiframe::dateObs
grating     varchar(5) not null default 'NONE', --/D Grating --/U nm --/K HIERARCH ESO INS GRAT WLEN
--
-- IMPLEMENTATION NOTE: the next keyword comes from the Fibinfo binary table,
--   not from the primary header.
--
tweakMjd    real not null default -9.999995e+08,	--/D Tweak time --/K BINTABLE.Fibinfo.ACTMJD   
raPlate     float not null default -9.999995e+08, --/D Right ascension --/U degrees --/C POS_EQ_RA_MAIN --/F PHOTOM.RA --/R 0.0,360.0
objName     varchar(32) not null default 'NONE', --/D Name, element one --/F NAME --/A 1
nSpec       int not null default -99999999, --/D Spectrum number --/F velclass.Nspec+Fibinfo.Nspec,NoName4.NSPEC,NoName3.NSPEC
htmID       bigint not null default -1, --/D HTM index --/Q raPlate,decPlate --/C POS_GENERAL --/L 20 
decPlate    float not null default -9.999995e+08, --/D Declination --/U degrees
            --/D continued on the next line
flags       smallint not null default 0, --/D Flags --/U  --/O
CONSTRAINT pk_Plate PRIMARY KEY (plateID),
)GO

/*
CREATE TABLE OldPlate(
oldID int not null, --/D removed long ago
)
*/

create table scratchLog(
logID bigint not null, --/D an undocumented log
msg varchar(256) not null
);

CREATE TABLE [dbo].[Observation] (
--/H Observations of plates.
	[obsID]	bigint	NOT NULL,	--/D Observation ID	--/C ID_OBS
	[plateID]	SMALLINT	NOT NULL	DEFAULT ((0)),	--/D Plate --/C ID_PLATE  
	CONSTRAINT [pk_Observation] PRIMARY KEY CLUSTERED ([obsID])
) ON Spectrum_FG
GO

CREATE TABLE Obs.Group(
--/H Groups of plates.
groupID      bigint not null default -99999999,    --/D Group identifier
completeness varchar(1) not null default 'U' --/D Flag, written without a comma before the key
-- HACK: the key has one column too many
CONSTRAINT pk_Group PRIMARY KEY (groupID, completeness)
) ON Spectrum_FG

CREATE VIEW Obs.PlateView
--/H A view of plates.
--/T Text of the view.
AS
SELECT plateID, label FROM Obs.Plate
GO

CREATE PROCEDURE spPlates AS
BEGIN
  CREATE TABLE #tmp (x int)
  SELECT * FROM #tmp
END
GO

CREATE FUNCTION fPlateName(@id int) RETURNS varchar(6) AS BEGIN RETURN 'x' END
GO
