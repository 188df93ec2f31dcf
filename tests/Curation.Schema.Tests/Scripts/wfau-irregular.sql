--=============================================================================
--
-- wfau-irregular.sql
--
-- Test script for the Curation schema parser, written for its test suite.
-- It reproduces, in invented tables, the irregularities met in WFAU (WSA/VSA,
-- Gaia-ESO Survey) annotated schema scripts: see README.md beside this file.
-- Tag convention: WFAU.
--
--=============================================================================
--
-- USE PROBE
--GO
--
-- ---------------------------------------------------------------------------- 

USE PROBE
GO
SET QUOTED_IDENTIFIER ON
GO


-- ----------------------------------------------------------------------------
IF EXISTS (SELECT * FROM sysobjects where name='Lamp') DROP TABLE Lamp
CREATE TABLE PROBE.Lamp(
-------------------------------------------------------------------------------
--/H Arc lamp lines used to calibrate the wavelength scale.
--
--/T The Lamp table lists every emission line of the calibration lamps.
--/T   
--/T Values come from the <a href="http://example.org/lamps">lamp atlas</a>, see the 'Lamp
--/T lines' note.
--/T
--/T Required constraints: primary key is (lampLineID)
-------------------------------------------------------------------------------
lampLineID   bigint not null default -99999999,    --/D Lamp line identifier.
element1     varchar(6) not null default '--',     --/D Element, first part.   --/F ELEMENT  --/A 1
element2     varchar(6) not null default '--',     --/D Element, second part.  --/F ELEMENT  --/A 2
ionStage     INTEGER not null default -99999999,       --/D Ionisation stage  --/F ION_STAGE
wavelength   float not null default -9.999995e+08, --/D Air wavelength  --/U Angstrom --/F WAVE
lineKind     SMALLINT not null default 0,           --/D Line kind: <table border="1" class='k'> <tr> <td>1</td> <td>Neon</td> </tr> </table>
retired      SMALLINT not null default 0,           --/D Retired flag: 0 means in use  --/N 0
CONSTRAINT pk_Lamp PRIMARY KEY (lampLineID)
)


-- ----------------------------------------------------------------------------
if exists (select * from dbo.sysobjects where id = object_id(N'Star')) drop table Star
CREATE TABLE PROBE.Star(
-------------------------------------------------------------------------------
--/H Stars picked for spectroscopy.
--
--/T Each star of the probe, with its position and photometry.
-------------------------------------------------------------------------------
starID     bigint not null default -99999999,     --/D Unique star identifier
starName   varchar(32) not null default 'NONE',   --/D Catalogue name of the star --/F PHOTOM.OBJECT 
ra         float  not null default -9.999995e+08, --/D Right ascension (J2000) --/U degrees --/F PHOTOM.RA
dec        float  not null default -9.999995e+08, --/D Declination (J2000) --/U degrees --/F PHOTOM.DEC
htmID      bigint not null default -99999999,     --/D HTM index (20 deep) of the position  --/Q ra,dec  --/C POS_GENERAL  --/L 20 
--
-- Columns kept back for a later release:
--
--vsini        real not null default -9.999995e+08,  --/D Projected rotation  --/U km/s  --/N -9.999995e+08
--spType       varchar(10) not null default 'NONE',  --/D Spectral type  --/N NONE
vMag         real not null default -9.999995e+08,  --/D V magnitude --/U mag  --/N -9.999995e+08  --/F PHOTOM.vmag
--vMagErr      real not null default -9.999995e+08,  --/D Error on V magnitude --/U mag  --/N -9.999995e+08
bMag         real not null default -9.999995e+08,  --/D B magnitude --/U mag  --/N -9.999995e+08  --/F PHOTOM.bmag	
-- 
-- IMPLEMENTATION NOTE: the --/F tags below name the PHOTOM extension;
--   values missing from it take the default.  
-------------------------------------------------------------------------------
kMag	real	not null default -9.999995e+08,	--/D K magnitude	--/U mag	--/F PHOTOM.kmag
--/U VEGA
--/D (Vega system)
CONSTRAINT pk_Star PRIMARY KEY (starID)
);


-- ----------------------------------------------------------------------------
CREATE TABLE PROBE.Exposure(
-------------------------------------------------------------------------------
--/H Details of each exposure.
--
--/T One row per exposure taken with the probe spectrograph.
-------------------------------------------------------------------------------
exposureID   INTEGER  not null default -99999999,  --/D Exposure identifier
seqNum       bigint identity(1,1) not null,        --/D Load sequence number --/O
fileName     varchar(256) not null default 'NONE', --/D Archive file name --/C ID_FILE --/Q fitsfilename
nAxis        SMALLINT not null default 0,      --/D Number of data axes --/K NAXIS --/N 0
obsDate      TIMESTAMP not null default '9999-12-31 23:59:59',     --/D Observing date --/C TIME_DATE --/K DATE-OBS --/N 12-31-9999 --/G Survey::obsDate
mjdStart     float not null default -9.999995e+08,        --/D MJD at start --/C TIME_DATE --/K MJD-OBS --/N -0.9999995e9 --/R 54000.,None --/E MJD-OBS
raCentre     real not null default -9.999995e+08,         --/D RA of the field centre --/U degrees --/K RA --/N -9.999995e+08 --/R 0.0,360.0
exposureTime real not null default -9.999995e+08,         --/D Integration time --/U seconds --/K EXPTIME --/R 0.,None
gratingWave  varchar(5) not null default 'NONE', --/D Grating central wavelength --/U nm --/K HIERARCH ESO INS GRAT WLEN
observer     varchar(64) not null default 'NONE',  --/U  --/D Observer's name --/K OBSERVER
--
-- IMPLEMENTATION NOTE: BINTABLE.Ext.KEY names a keyword of the binary-table extension called Ext
--
tweakMjd     real not null default -9.999995e+08,     --/D MJD of the fibre tweak --/K BINTABLE.Fibinfo.ACTMJD
tweakCount   smallint not null default -9999, --/D Number of tweaks --/K BINTABLE.TWEAKS
headerText   varchar(max) not null default '',  --/D Full primary header --/S
CONSTRAINT pk_Exposure PRIMARY KEY CLUSTERED (exposureID, seqNum)
) ON Spectrum_FG
GO


-- ----------------------------------------------------------------------------
CREATE TABLE PROBE.Fibre(
-------------------------------------------------------------------------------
--/H Details of each fibre spectrum.
--
--/T One row per fibre per exposure.
--/T Required constraints: primary key is (fibreSpecID)
-------------------------------------------------------------------------------
fibreSpecID  bigint not null default -99999999, --/D Fibre spectrum identifier --/Q exposureID,fibreNum
exposureID   INTEGER not null default -99999999,    --/D Exposure the spectrum was extracted from
--
-- IMPLEMENTATION NOTE: ad-hoc F tag: 
--   + joins rows across extensions; a comma separates alternatives;
--   NoNameX is the unnamed extension at position X (0 is the primary HDU).  
fibreNum     int not null default -99999999,       --/D Fibre number --/F velclass.Nspec+Fibinfo.Nspec,NoName4.NSPEC,NoName3.NSPEC
fibreType    varchar(32) not null default 'NONE', --/D Fibre type --/F Fibinfo.TYPE,NoName4.TYPE
--/T Sky fibres are listed too.
pipeFlags    varchar(256) not null default '  ', --/D Pipeline flags (codes 9000–15000) --/F NONAME1.FLAGS
grid         varchar(3) not null default '---', --/D Template grid --/F NONAME1.GRID
quality      varchar(1) not null default 'U' --/D Quality: R - resolved; U - undefined.
-- HACK: the key should be (fibreSpecID) alone
CONSTRAINT pk_Fibre PRIMARY KEY (fibreSpecID, exposureID)
)GO

-- ----------------------------------------------------------------------------
create table PROBE.ErrLogBadFiles(
-------------------------------------------------------------------------------
--/H Log of bad file names met while ingesting.
--
--/T Log of bad file names met while ingesting.
--/T
--/T Required constraints:
-------------------------------------------------------------------------------
logID       bigint not null default -99999999, --/D Log entry identifier.
fileName    varchar(256) not null default 'NONE', --/D File name. 
problem     varchar(256) not null default 'NONE', --/D What was wrong.
) ON Spectrum_FG


/* older definition, kept for reference

IF EXISTS (SELECT * FROM sysobjects where name='FibreOld') DROP TABLE FibreOld
CREATE TABLE PROBE.FibreOld(
--/H The old fibre table.
oldID        bigint not null, --/D Old identifier
oldName      varchar(8) not null default '--', --/D Old name
)
GO

*/

-- ----------------------------------------------------------------------------
IF EXISTS (SELECT * FROM sysobjects where name='Release') DROP TABLE Release
CREATE TABLE [PROBE].[Release] (
-------------------------------------------------------------------------------
--/H Details of each release of the probe.
--
--/T One row per release.
--/T                       (surveyID) references Survey(surveyID)
-------------------------------------------------------------------------------
[surveyID]     INTEGER not null,          --/D The survey  --/C ID_SURVEY
[releaseNum]   smallint not null,     --/D The release number   --/C ID_VERSION
releaseDate    TIMESTAMP not null,     --/D The release date --/U MM-DD-YYYY --/N 12-31-9999   --/C TIME_DATE
dbName         varchar(128) not null default 'NONE', --/D Name of the database holding the release  --/C ??
deprecated     SMALLINT not null default 0,           --/D Deprecated flag: current=0, deprecated !=0   --/C CODE_MISC  --/N 0  --/G allTables::deprecated
CONSTRAINT pk_Release PRIMARY KEY (surveyID, releaseNum)
)
GO

-- ----------------------------------------------------------------------------
