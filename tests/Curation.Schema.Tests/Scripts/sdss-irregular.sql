--=========================================================================
--   sdss-irregular.sql
--
--   Test script for the Curation schema parser, written for its test suite.
--   It reproduces, in invented tables, the irregularities met in SDSS
--   SkyServer annotated schema scripts: see README.md beside this file.
--   Tag convention: SDSS (--/K is a UCD, --/F a FITS column).
--=========================================================================
SET NOCOUNT ON;
GO

--
EXEC spSetDefaultFileGroup 'PhotoFG'
GO

--=============================================================
IF EXISTS (SELECT name FROM sysobjects
         WHERE xtype='U' AND name = 'PlateLog')
	DROP TABLE PlateLog
GO
--
CREATE TABLE PlateLog ( 	
-------------------------------------------------------------------------------
--/H Log of the plates drilled for the survey.
--/A
--/T One row per plate.  Plates are drilled, plugged, observed
--/T and finally retired.
-------------------------------------------------------------------------------
	plateLogID	bigint NOT NULL,	--/D Unique ID --/K ID_MAIN --/F NOFITS
	plate		smallint NOT NULL,	--/D Plate number --/K ID_PLATE --/F PLATEID
	drillRun	numeric(20,0) NOT NULL,	--/D Drill run identifier --/K ID_NUMBER
	status		int NOT NULL DEFAULT 0	,	--/D Status code --/K CODE_MISC
)
GO


--=============================================================
IF EXISTS (SELECT name FROM sysobjects
         WHERE xtype='U' AND name = 'StarObs')
	DROP TABLE StarObs
GO
--
CREATE TABLE StarObs (
-------------------------------------------------------------------------------
--/H One observation of a star in the imaging camera.
--/H Kept for the star catalogue only.
--
--/T Photometric measurements of each star, one row per
--/T observation.
-------------------------------------------------------------------------------
    starObsID   bigint NOT NULL PRIMARY KEY,  --/U  --/D Unique identifier --/K ID_MAIN
    loadID      int identity(1,1) NOT NULL,--/D Load order --/K ID_NUMBER
    [dec]       float NOT NULL,       --/D Declination (J2000) --/U deg --/K POS_EQ_DEC_MAIN --/F DEC
    psfMag_u    real NOT NULL,        --/D PSF magnitude in u --/U mag --/K PHOT_SDSS_U --/F PSFMAG 0
    psfMag_g    real NOT NULL,        --/D PSF magnitude in g --/U mag --/K PHOT_SDSS_G --/F PSFMAG 1
    psfMagErr_u real NOT NULL,        --/D Error of psfMag_u --/U mag --/K PHOT_SDSS_U ERROR --/F PSFMAGERR 0
    objType     smallInt NOT NULL,    --/D Object type --/K CLASS_OBJECT --/R ObjType --/F OBJTYPE
    tagID       bigint NOT NULL,      --/D Identifier built from RUN, CAMCOL, RERUN--/K ID_CATALOG
    skyIvar_u   real NOT NULL,        --/U 1/counts^2--/D Inverse variance of the sky in u
    raOld       float NOT NULL,       --/U deg  -/D Right ascension from the old catalogue --/F RA_OLD
    magB1       real NOT NULL,        --/U mag --/U magnitude on the first blue plate --/F CAT_MAG 2
    fieldNum		[int] NOT NULL,		---/D Field number of the old pipeline
    isoA_j		real NOT NULL,		--/ 20mag isophote semi-major axis in J
-------------------------------------------------------------------------------
--
    mode        [tinyint] NOT NULL,   --/D Primary or secondary --/K CODE_MISC
    --/D continued on a line of its own
    extinction_u [real] NULL,         --/D Extinction in u --/U mag
    nDetect     float NULL,           --/D Number of detections
    objName     varchar(32) NOT NULL DEFAULT(''),   --/D Object name
    nChild      int NOT NULL default(0),            --/D Number of children
    weight      decimal NOT NULL,     --/D Weight
    survey      numeric(20) NOT NULL, --/D Survey number
    loadTime    DATETIME NOT NULL,    --/D When loaded

    cutout      varbinary(max) NOT NULL DEFAULT 0x1111,	--/D Cutout image --/K IMAGE? 
)
GO


--=============================================================
if exists (select * from dbo.sysobjects where id = object_id(N'[SiteInfo]')
    and OBJECTPROPERTY(id, N'IsUserTable') = 1)
    drop table [SiteInfo]
GO
--
CREATE TABLE [SiteInfo] (
-------------------------------------------------------------------------------
--/H Facts about this site.
--
--/T Name and value pairs describing the archive server.
-------------------------------------------------------------------------------
    [name]      varchar(64) NOT NULL,     --/D Name of the fact
    [value]     varchar(256) NOT NULL,    --/D Its value
    [count]     BIGINT ,                  --/D How often it was read
)
GO

DECLARE @site varchar(64)
SET @site = (SELECT TOP 1 [name] FROM [SiteInfo])
Insert into [SiteInfo] values('comment', '-- a string, not a comment', 0)
INSERT [SiteInfo] SELECT 'copy', [value], [count] FROM [SiteInfo]
GO


--=============================================================
if exists (select * from dbo.sysobjects where id = object_id(N'[QsoOld]')
    and OBJECTPROPERTY(id, N'IsUserTable') = 1)
    drop table [QsoOld]
GO


/* older version commented out, do not restore
--=============================================================
CREATE TABLE SpecOld (
--/H The old spectrum table.
    specOldID  bigint NOT NULL,  --/D Old identifier
    note       varchar(8) NOT NULL DEFAULT '--',
)
GO
*/


--=============================================================
CREATE TABLE MaskArea (
-------------------------------------------------------------------------------
--/H Areas masked out of the survey footprint.
--/T
-------------------------------------------------------------------------------
    maskID      bigint NOT NULL,   --/D Mask identifier --/K ID_MAIN
    area        float NOT NULL,    --/D Area --/U deg^2
)
--


-- /* start of commented block
-- CREATE TABLE Hidden (
--     hiddenID  bigint NOT NULL,  --/D Not a table
-- )
-- end of commented block */

--=============================================================
IF EXISTS (SELECT name FROM sysobjects
         WHERE xtype='U' AND name = 'FieldInfo')
	DROP TABLE FieldInfo
GO
--
CREATE TABLE FieldInfo (
-------------------------------------------------------------------------------
--/H Fields of the survey.
--/T One row per field.   
-------------------------------------------------------------------------------
    fieldID     bigint NOT NULL,   --/D Field identifier --/K ID_FIELD --/F FIELDID
    quality     int NOT NULL,      --/D Quality --/K CODE_QUALITY --/R FieldQuality --/F QUALITY
    
    nObjects    int NOT NULL,      --/D Number of objects --/K NUMBER --/F NOBJECTS
)
GO

PRINT '[sdss-irregular.sql]: tables created'
GO