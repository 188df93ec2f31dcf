--=============================================================================
--
-- wfau-views-and-routines.sql
--
-- Test script for the Curation schema parser, written for its test suite.
-- Statements that are not tables: views, indices, procedures, functions,
-- a trigger, SET/USE/EXEC/DECLARE/PRINT/INSERT, and the way WFAU view scripts
-- separate (or fail to separate) their batches.  See README.md beside it.
-- Tag convention: WFAU.
--
--=============================================================================

USE PROBE
GO
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
EXEC spSetDefaultFileGroup 'Curation_FG'
GO

IF  EXISTS (SELECT * FROM sys.objects WHERE object_id = OBJECT_ID(N'[dbo].[Night]') AND type in (N'U'))
DROP TABLE [dbo].[Night]
GO
CREATE TABLE [dbo].[Night](
--/H One row per observing night.
--/T Nights are numbered from the start of the survey.
	[nightID] [int] NOT NULL PRIMARY KEY,	--/D Night identifier
	[nightDate] [datetime] NOT NULL,	--/D Local date at the start of the night --/U yyyy-mm-dd
	seeing real NULL,	--/D Median seeing --/U arcsec
	comments varchar(max) NOT NULL DEFAULT ('none'),	--/D Observer comments
) ON Curation_FG
GO

CREATE UNIQUE CLUSTERED INDEX idx_Night_date ON [dbo].[Night] (nightDate DESC, nightID)
GO
CREATE NONCLUSTERED INDEX idx_Night_seeing ON Night(seeing) INCLUDE (nightDate, comments)
GO
create index idx_Exposure_obs on PROBE.Exposure (obsDate)
GO

DECLARE @firstNight int
SET @firstNight = (SELECT MIN(nightID) FROM [dbo].[Night])
PRINT 'first night: -- see the log'
INSERT INTO [dbo].[Night] (nightID, nightDate, seeing, comments) VALUES (0, '2000-01-01', NULL, 'none')
GO

-- ----------------------------------------------------------------------------
IF EXISTS (SELECT * FROM sysobjects WHERE NAME='GoodNight')
   DROP VIEW GoodNight
GO
CREATE VIEW PROBE.GoodNight
-------------------------------------------------------------------------------
--/H Nights with good seeing.
--
--/T The nights whose median seeing is better than one arcsecond;
--/T 'good' here means usable for the faint targets.
--/T 

--/T Use it in place of Night when only such nights matter.
-------------------------------------------------------------------------------
AS
SELECT nightID, nightDate, seeing
  FROM [dbo].[Night]
 WHERE seeing < 1.0 AND comments <> '--';
GO

-- ----------------------------------------------------------------------------
IF EXISTS (SELECT * FROM sysobjects WHERE NAME='NightCount')
   DROP VIEW NightCount
GO
CREATE VIEW [dbo].[NightCount]
-------------------------------------------------------------------------------
--/H Number of nights per seeing class.
--
--/T Counts the nights of each seeing class.
-------------------------------------------------------------------------------
AS
SELECT dbo.fSeeingClass(seeing) AS seeingClass, COUNT(*) AS nNights
  FROM [dbo].[Night]
 GROUP BY dbo.fSeeingClass(seeing)



-- ----------------------------------------------------------------------------
IF EXISTS (SELECT * FROM sysobjects WHERE NAME='ScratchView')
   DROP VIEW ScratchView

create view PROBE.ScratchView (nightID, note)
AS
SELECT nightID, '-- not a comment' FROM [dbo].[Night]
GO

-- ----------------------------------------------------------------------------
IF EXISTS (SELECT * FROM sysobjects WHERE NAME='spRefreshNights')
   DROP PROCEDURE spRefreshNights
GO
CREATE PROCEDURE PROBE.spRefreshNights
  @minSeeing real = 0.0
AS
BEGIN
  SET NOCOUNT ON;
  CREATE TABLE #work (
    nightID int NOT NULL,    --/D not a schema column
    seeing real NULL
  )
  CREATE TABLE #tmp (id int)
  IF @minSeeing > 0
  BEGIN
    INSERT INTO #work SELECT nightID, seeing FROM [dbo].[Night] WHERE seeing >= @minSeeing
  END
  SELECT * INTO #copy FROM #work
  DROP TABLE #tmp
END
GO

CREATE FUNCTION dbo.fSeeingClass(@seeing real)
RETURNS varchar(8)
AS
BEGIN
  RETURN CASE WHEN @seeing < 1.0 THEN 'good' ELSE 'poor' END
END
GO

CREATE TRIGGER PROBE.trNightInsert ON [dbo].[Night] AFTER INSERT
AS
BEGIN
  CREATE TABLE #inserted (nightID int)
END
GO

-- ----------------------------------------------------------------------------
IF EXISTS (SELECT * FROM sysobjects where name='NightLog') DROP TABLE NightLog
CREATE TABLE PROBE.NightLog(
-------------------------------------------------------------------------------
--/H Log of the nightly refresh.
--
--/T One row per refresh.
-------------------------------------------------------------------------------
logID        int not null,           --/D Log entry
nightID      int not null,           --/D The night  --/C ID_NUMBER
refreshed    datetime not null default getdate(),   --/D When the refresh ran
CONSTRAINT pk_NightLog PRIMARY KEY (logID),
CONSTRAINT fk_NightLog_Night FOREIGN KEY (nightID) REFERENCES [dbo].[Night] (nightID)
)
GO
