--=============================================================================
--
-- CurationTables.sql
--
-- Schema script of the curation tables of the Curation archive: the surveys,
-- programmes and filters the archive knows, the curation tasks (CUs) and
-- the record of their runs, the per-programme prescriptions (filters to
-- merge, neighbour tables to make), the external surveys, the releases, and
-- the register of transferred files.
--
-- Modelled on the WFCAM Science Archive (WSA) curation and metadata tables.
-- Tables are in foreign-key order. Reference rows are in data/<Table>.csv.
--
-- Comment tags follow the WFAU convention: H heading, T text, D
-- description, U units, C UCD, K FITS keyword, F catalogue column, Q
-- computed from attributes, L HTM level, N default value, V allowed
-- values; and at table level P: the table is private to the curation
-- database (curation only), with why: a release (CU19) leaves it out.
--
--=============================================================================


-- Surveys: groups of programmes with a common data policy.
CREATE TABLE Survey(
-------------------------------------------------------------------------------
--/H Lists the surveys (groups of programmes) curated in the archive.
--
--/T Every programme in Programme belongs to exactly one survey: a survey
--/T groups programmes that share a data policy and a release cycle, for
--/T example the five UKIDSS surveys, the open-time (non-survey) programmes
--/T and the calibration observations. Releases (table Release) are made per
--/T survey.
--/T
--/T Required constraints: primary key is (surveyID)
-------------------------------------------------------------------------------
surveyID    int not null,                         --/D the unique identifier of the survey --/C ID_SURVEY
surveyName  varchar(32) not null default 'NONE',  --/D the short name of the survey, eg. UKIDSS --/C ID_SURVEY
description varchar(256) not null default 'NONE', --/D a brief description of the survey --/C NOTE
CONSTRAINT pk_Survey PRIMARY KEY (surveyID)
)
GO

-- Programmes: one row per observing programme.
CREATE TABLE Programme(
-------------------------------------------------------------------------------
--/H Contains details of the observation programmes curated in the archive.
--
--/T Each row is one observing programme whose data the archive ingests. The
--/T programme of a FITS file is found by matching its PROJECT keyword against
--/T dfsIDString (case-insensitively, as a prefix: PROJECT 'U/UKIDSS/GCS21'
--/T belongs to the programme whose dfsIDString is 'u/ukidss/gcs'). A
--/T programme with its own catalogue tables has a tablePrefix: the
--/T programme template tables ({prog}Detection, {prog}Source,
--/T {prog}MergeLog and the neighbour tables) are created for it with
--/T {prog} replaced by that prefix, eg. lasDetection. Programmes without
--/T tables of their own (calibration, the default row) have tablePrefix
--/T 'NONE'. The row with programmeID -99 is the default programme given to
--/T frames whose PROJECT matches no programme.
--/T
--/T Required constraints: primary key is (programmeID)
--/T (surveyID) references Survey(surveyID)
-------------------------------------------------------------------------------
programmeID      int not null,                          --/D the unique identifier of the programme, eg. 101 for the LAS --/C ID_SURVEY
surveyID         int not null,                          --/D the survey this programme belongs to --/C ID_SURVEY
title            varchar(128) not null default 'NONE',  --/D the title of the programme, eg. UKIDSS Large Area Survey --/C NOTE
description      varchar(1024) not null default 'NONE', --/D a brief description of the programme --/C NOTE
acronym          varchar(16) not null default 'NONE',   --/D the short upper-case name of the programme, eg. LAS --/C ID_ALTERNATIVE
dfsIDString      varchar(64) not null default 'NONE',   --/D the programme's identifier in the data flow system: the value of the primary-header keyword PROJECT, eg. u/ukidss/las, matched case-insensitively as a prefix --/C ID_SURVEY
tablePrefix      varchar(16) not null default 'NONE',   --/D the prefix of this programme's catalogue table names, replacing {prog} in the template tables, eg. las for lasDetection; NONE if the programme has no tables of its own --/C ID_TABLE
pairingCriterion real not null default -0.9999995e9,    --/D the maximum separation for two detections in different passbands to be paired into one merged source by CU7 --/U arcsec --/C POS_ANG_DIST_GENERAL
propPeriod       smallint not null default -9999,       --/D the proprietary period of the programme's data, counted from the date of observation --/U months --/C TIME_PERIOD
isNonSurvey      tinyint not null default 0,            --/D flag: 1 for an open-time (non-survey) programme, 0 for a survey or calibration programme --/C CODE_MISC --/V 0,1
reference        varchar(256) not null default 'NONE',  --/D a reference (URL or bibcode) describing the programme --/C REFER_CODE
CONSTRAINT pk_Programme PRIMARY KEY (programmeID),
CONSTRAINT fk_Programme_Survey FOREIGN KEY (surveyID) REFERENCES Survey(surveyID)
)
GO

-- Filters: the WFCAM passbands.
CREATE TABLE Filter(
-------------------------------------------------------------------------------
--/H Contains details of the WFCAM filters.
--
--/T One row per filter that WFCAM images can be taken in, with the archive's
--/T own filter identifier. The filter of a frame is found by matching the
--/T primary-header keyword FILTER against shortName (case-insensitively).
--/T Row 0 stands for an unknown or missing filter and row 8 for the blank
--/T (dark) position of the filter wheel.
--/T
--/T Required constraints: primary key is (filterID)
-------------------------------------------------------------------------------
filterID    tinyint not null,                     --/D the unique identifier of the filter (1=Z, 2=Y, 3=J, 4=H, 5=K, 6=H2, 7=Br, 8=blank, 0=unknown) --/C INST_FILTER_CODE
shortName   varchar(8) not null default 'NONE',   --/D the short name of the filter as the FILTER keyword gives it, eg. J; its lower-case form prefixes the passband columns of {prog}Source --/C INST_FILTER_CODE
name        varchar(32) not null default 'NONE',  --/D the full name of the filter, eg. MKO J, WFCAM Y --/C NOTE
description varchar(256) not null default 'NONE', --/D a concise description of the filter --/C NOTE
cutOn       real not null default -0.9999995e9,   --/D the 50% cut-on wavelength of the filter --/U microns --/C INST_WAVELENGTH_VALUE
cutOff      real not null default -0.9999995e9,   --/D the 50% cut-off wavelength of the filter --/U microns --/C INST_WAVELENGTH_VALUE
filterType  varchar(16) not null default 'NONE',  --/D the type of the filter: BROAD, NARROW, or NONE for the unknown and blank rows --/C CODE_MISC --/V BROAD,NARROW,NONE
CONSTRAINT pk_Filter PRIMARY KEY (filterID)
)
GO

-- Curation tasks and the record of their runs.
CREATE TABLE CurationTask(
-------------------------------------------------------------------------------
--/H Lists the curation tasks (curation use cases, CUs) of the archive.
--
--/T Each curation task is a program that changes the archive, identified by
--/T its CU number as in the WSA: CU1 transfers and registers files, CU3
--/T ingests their metadata, CU4 their detections, CU7 merges detections into
--/T sources, and so on. Every run of a task is recorded in
--/T ArchiveCurationHistory. requiredOrder gives the order in which the tasks
--/T must have run for a programme before that programme can be released
--/T (CU19): 1 first; 0 means the task is not a step of that sequence.
--/T
--/T Required constraints: primary key is (cuID)
--/P the tasks that curate this database; a release is a finished product that
--/P no task changes
-------------------------------------------------------------------------------
cuID          smallint not null,                    --/D the unique identifier of the curation task, its CU number --/C REFER_CODE
name          varchar(64) not null default 'NONE',  --/D the short command name of the task, eg. ingest-detections --/C ID_IDENTIFIER
description   varchar(256) not null default 'NONE', --/D a description of what the task does --/C NOTE
requiredOrder smallint not null default 0,          --/D the position of this task in the sequence every programme must go through before release (1 = first); 0 if the task is not part of that sequence --/C NUMBER
CONSTRAINT pk_CurationTask PRIMARY KEY (cuID)
)
GO

CREATE TABLE ArchiveCurationHistory(
-------------------------------------------------------------------------------
--/H Records every run (curation event) of a curation task.
--
--/T A curation task inserts its row when it starts (status 0, running) and
--/T updates it when it ends. The cuEventID of the run is written into every
--/T row the run creates, so that each row of the archive can be traced to the
--/T event that made it and the event can be rolled back.
--/T
--/T Required constraints: primary key is (cuEventID)
--/T (cuID) references CurationTask(cuID)
--/P the log of the curation runs (curators, comments, log files on the
--/P curation machines, failed and abandoned runs); a release names the run
--/P that made it in Release.cuEventID, and the cuEventID columns it keeps
--/P number the events of the curation database
-------------------------------------------------------------------------------
cuEventID   int not null,                                    --/D the unique identifier of the curation event --/C REFER_CODE
cuID        smallint not null,                               --/D the curation task that ran --/C REFER_CODE
logFile     varchar(256) not null default 'NONE',            --/D the path of the verbose log of the run --/C ID_FILE
resultsFile varchar(256) not null default 'NONE',            --/D the path of any results file the run wrote; NONE if none --/C ID_FILE
timeStamp   datetime not null default '9999-12-31 23:59:59', --/D the time the whole task completed --/U UTC --/C TIME_DATE
curator     varchar(16) not null default 'NONE',             --/D the archive curator responsible for the run --/C ID_IDENTIFIER
comment     varchar(256) not null default 'NONE',            --/D a comment supplied by the curator --/C NOTE
rolledBack  tinyint not null default 0,                      --/D flag: 1 if the changes of this event have been rolled back, else 0 --/C CODE_MISC --/V 0,1
startTime   datetime not null default '9999-12-31 23:59:59', --/D the time the run started --/U UTC --/C TIME_DATE
endTime     datetime not null default '9999-12-31 23:59:59', --/D the time the run ended; the default while it is running --/U UTC --/C TIME_DATE
status      tinyint not null default 0,                      --/D the outcome of the run: 0 = running (or stopped without finishing), 1 = succeeded, 2 = failed --/C CODE_MISC --/V 0,1,2
CONSTRAINT pk_ArchiveCurationHistory PRIMARY KEY (cuEventID),
CONSTRAINT fk_ArchiveCurationHistory_CurationTask FOREIGN KEY (cuID) REFERENCES CurationTask(cuID)
)
GO

CREATE TABLE ProgrammeCurationHistory(
-------------------------------------------------------------------------------
--/H Records which programmes each curation event worked on.
--
--/T One row per programme and curation event: a run of a task that works on
--/T several programmes has one row here for each of them, with the outcome
--/T for that programme. The release task (CU19) reads this table to check
--/T that every task of the required sequence (CurationTask.requiredOrder)
--/T has run successfully for a programme, in order, since the data last
--/T changed.
--/T
--/T Required constraints: primary key is (cuEventID, programmeID)
--/T (cuEventID) references ArchiveCurationHistory(cuEventID)
--/T (programmeID) references Programme(programmeID)
--/P which curation runs worked on each programme, read by the release task to
--/P decide whether a programme is ready; a release holds only programmes that
--/P were
-------------------------------------------------------------------------------
cuEventID   int not null,                                    --/D the curation event --/C REFER_CODE
programmeID int not null,                                    --/D the programme the event worked on --/C ID_SURVEY
timeStamp   datetime not null default '9999-12-31 23:59:59', --/D the time the event completed its work on this programme --/U UTC --/C TIME_DATE
status      tinyint not null default 0,                      --/D the outcome for this programme: 0 = running (or stopped without finishing), 1 = succeeded, 2 = failed --/C CODE_MISC --/V 0,1,2
CONSTRAINT pk_ProgrammeCurationHistory PRIMARY KEY (cuEventID, programmeID),
CONSTRAINT fk_ProgrammeCurationHistory_ArchiveCurationHistory FOREIGN KEY (cuEventID) REFERENCES ArchiveCurationHistory(cuEventID),
CONSTRAINT fk_ProgrammeCurationHistory_Programme FOREIGN KEY (programmeID) REFERENCES Programme(programmeID)
)
GO

-- Per-programme prescriptions: filters to merge, neighbour tables to make.
CREATE TABLE RequiredFilters(
-------------------------------------------------------------------------------
--/H Lists the passbands whose detections are merged into each programme's sources.
--
--/T For each programme with catalogue tables, the filters whose detections
--/T CU7 merges into {prog}Source. A frame set ({prog}MergeLog) holds one
--/T detector frame per required filter; passbands a programme does not
--/T require keep their default values in {prog}Source.
--/T
--/T Required constraints: primary key is (programmeID, filterID)
--/T (programmeID) references Programme(programmeID)
--/T (filterID) references Filter(filterID)
-------------------------------------------------------------------------------
programmeID int not null,               --/D the programme --/C ID_SURVEY
filterID    tinyint not null,           --/D a filter whose detections are merged for the programme --/C INST_FILTER_CODE
nPass       tinyint not null default 1, --/D the number of passes (epochs) the programme takes in this filter --/C NUMBER
CONSTRAINT pk_RequiredFilters PRIMARY KEY (programmeID, filterID),
CONSTRAINT fk_RequiredFilters_Programme FOREIGN KEY (programmeID) REFERENCES Programme(programmeID),
CONSTRAINT fk_RequiredFilters_Filter FOREIGN KEY (filterID) REFERENCES Filter(filterID)
)
GO

-- External surveys and their tables.
CREATE TABLE ExternalSurvey(
-------------------------------------------------------------------------------
--/H Lists the external surveys whose catalogues the archive holds for joint querying.
--
--/T Catalogues produced outside the archive (Gaia, SDSS, 2MASS, ...) are
--/T held in their own databases; this table names them. Their tables are
--/T listed in ExternalSurveyTable.
--/T
--/T Required constraints: primary key is (surveyID)
-------------------------------------------------------------------------------
surveyID     int not null,                         --/D the unique identifier of the external survey --/C ID_SURVEY
surveyName   varchar(32) not null default 'NONE',  --/D the short name of the survey, eg. 2MASS --/C ID_SURVEY
databaseName varchar(32) not null default 'NONE',  --/D the name of the database holding the survey's tables, eg. TWOMASS --/C ID_DATASET
description  varchar(256) not null default 'NONE', --/D a brief description of the survey --/C NOTE
CONSTRAINT pk_ExternalSurvey PRIMARY KEY (surveyID)
)
GO

CREATE TABLE ExternalSurveyTable(
-------------------------------------------------------------------------------
--/H Lists the tables of the external surveys.
--
--/T One row per external table that the archive's neighbour tables join to.
--/T sourceIDName, coord1 and coord2 name the table's source identifier and
--/T position columns so that CU16 can match against it; extTableAlias is
--/T the name that replaces {ext} in the cross-neighbour table
--/T {prog}SourceX{ext}.
--/T
--/T Required constraints: primary key is (surveyID, extTableID)
--/T (surveyID) references ExternalSurvey(surveyID)
-------------------------------------------------------------------------------
surveyID      int not null,                         --/D the external survey --/C ID_SURVEY
extTableID    int not null,                         --/D the identifier of the table within its survey --/C ID_TABLE
extTableName  varchar(128) not null default 'NONE', --/D the name of the table in the survey's database, eg. twomass_psc --/C ID_TABLE
extTableAlias varchar(64) not null default 'NONE',  --/D the name that replaces {ext} in cross-neighbour table names, eg. GaiaDR3Source for lasSourceXGaiaDR3Source --/C ID_TABLE
sourceIDName  varchar(64) not null default 'NONE',  --/D the name of the table's unique source identifier column --/C ID_IDENTIFIER
coord1        varchar(32) not null default 'NONE',  --/D the name of the table's first (longitudinal) spherical co-ordinate column, eg. equatorial RA in degrees --/C POS_EQ_RA_MAIN
coord2        varchar(32) not null default 'NONE',  --/D the name of the table's second (latitudinal) spherical co-ordinate column, eg. equatorial Dec in degrees --/C POS_EQ_DEC_MAIN
CONSTRAINT pk_ExternalSurveyTable PRIMARY KEY (surveyID, extTableID),
CONSTRAINT fk_ExternalSurveyTable_ExternalSurvey FOREIGN KEY (surveyID) REFERENCES ExternalSurvey(surveyID)
)
GO

CREATE TABLE RequiredNeighbours(
-------------------------------------------------------------------------------
--/H Lists the neighbour tables each programme must have.
--
--/T For each programme, the neighbour tables CU16 creates and fills: pairs
--/T of sources closer than joinCriterion. A self-neighbour table
--/T ({prog}SourceNeighbours) pairs the programme's sources with the sources
--/T of programme extProgID (itself), and has surveyID and extTableID -99. A
--/T cross-neighbour table ({prog}SourceX{ext}) pairs them with the sources
--/T of the external table (surveyID, extTableID) of ExternalSurveyTable, and
--/T has extProgID -99.
--/T
--/T Required constraints: primary key is (programmeID, neighbourTable)
--/T (programmeID) references Programme(programmeID)
-------------------------------------------------------------------------------
programmeID    int not null,                       --/D the programme whose {prog}Source holds the master sources --/C ID_SURVEY
neighbourTable varchar(128) not null,              --/D the name of the neighbour table, eg. lasSourceNeighbours or lasSourceXGaiaDR3Source --/C ID_TABLE
surveyID       int not null default -99,           --/D the external survey holding the slave table (ExternalSurveyTable.surveyID); -99 for a self-neighbour table --/C ID_SURVEY
extTableID     int not null default -99,           --/D the external slave table (ExternalSurveyTable.extTableID); -99 for a self-neighbour table --/C ID_TABLE
extProgID      int not null default -99,           --/D the programme whose {prog}Source holds the slave sources of a self-neighbour table; -99 for a cross-neighbour table --/C ID_SURVEY
joinCriterion  real not null default -0.9999995e9, --/D the join criterion: the search radius within which pairs are recorded --/U arcsec --/C POS_ANG_DIST_GENERAL
CONSTRAINT pk_RequiredNeighbours PRIMARY KEY (programmeID, neighbourTable),
CONSTRAINT fk_RequiredNeighbours_Programme FOREIGN KEY (programmeID) REFERENCES Programme(programmeID)
)
GO

-- Releases.
CREATE TABLE Release(
-------------------------------------------------------------------------------
--/H Records the releases of the archive's surveys.
--
--/T One row per release of a survey's data, written by the release task
--/T (CU19) once every programme of the survey has completed its required
--/T curation sequence. ProgrammeFrame.releaseNum records in which release
--/T each frame first appeared.
--/T
--/T Required constraints: primary key is (surveyID, releaseNum)
--/T (surveyID) references Survey(surveyID)
-------------------------------------------------------------------------------
surveyID    int not null,                                    --/D the survey released --/C ID_SURVEY
releaseNum  smallint not null,                               --/D the release number, counting from 1 for each survey --/C ID_VERSION
releaseDate datetime not null default '9999-12-31 23:59:59', --/D the date of the release --/U UTC --/C TIME_DATE
description varchar(256) not null default 'NONE',            --/D a brief description of the release, eg. DR1 --/C NOTE
dbName      varchar(128) not null default 'NONE',            --/D the name of the database (or file) holding the released data --/C ID_DATASET
cuEventID   int not null default -99999999,                  --/D the curation event (CU19) that made the release --/C REFER_CODE
CONSTRAINT pk_Release PRIMARY KEY (surveyID, releaseNum),
CONSTRAINT fk_Release_Survey FOREIGN KEY (surveyID) REFERENCES Survey(surveyID)
)
GO

-- Files registered by CU1 and the state of their ingest.
CREATE TABLE ArchivedFile(
-------------------------------------------------------------------------------
--/H Registers every file transferred into the archive.
--
--/T CU1 (transfer) inserts one row for each file it copies into the archive:
--/T pipeline images, their confidence maps and their source catalogues. The
--/T row records where the file is, how big it is and its SHA-256 checksum, and
--/T tracks its ingest: CU3 reads the headers of image and catalogue files
--/T (metadataState), CU4 the rows of catalogue files (detectionState). A
--/T file whose ingest fails is marked rejected (state 2) with the reason in
--/T rejectReason, and is not retried until the curator resets its state.
--/T States: 0 = not yet ingested, 1 = ingested, 2 = rejected, 3 = not
--/T applicable (eg. detectionState of an image file).
--/T
--/T Required constraints: primary key is (fileID)
--/T (cuEventID) references ArchiveCurationHistory(cuEventID)
--/P where each file is in the curation file store and the state of its ingest
--/P (pending, rejected and why, deprecated); Multiframe.fileName keeps each
--/P released frame's file name
-------------------------------------------------------------------------------
fileID           bigint not null,                                 --/D the unique identifier of the file, assigned by CU1 --/C ID_FILE
cuEventID        int not null,                                    --/D the curation event (CU1) that registered the file --/C REFER_CODE
fileName         varchar(256) not null default 'NONE',            --/D the path of the file in the archive, eg. 20071011/w20071011_01818_sf_st.fit --/C ID_FILE
originalName     varchar(256) not null default 'NONE',            --/D the name of the file as it arrived from the pipeline --/C ID_FILE
fileType         varchar(16) not null default 'NONE',             --/D the kind of file: image, conf (confidence map), catalogue or other --/C CODE_MISC --/V NONE,image,conf,catalogue,other
night            int not null default -99999999,                  --/D the observing night the file belongs to, as the integer YYYYMMDD (UT date at the start of the night) --/C TIME_DATE
fileSize         bigint not null default -99999999,               --/D the size of the file --/U bytes --/C NUMBER
checksum         char(64) not null default 'NONE',                --/D the SHA-256 checksum of the file's bytes, as 64 lower-case hexadecimal digits --/C CODE_MISC
arrivalTime      datetime not null default '9999-12-31 23:59:59', --/D the time the file was registered --/U UTC --/C TIME_DATE
metadataState    tinyint not null default 0,                      --/D the state of the header ingest by CU3 (0 = pending, 1 = ingested, 2 = rejected, 3 = not applicable) --/C CODE_MISC --/V 0,1,2,3
metadataTime     datetime not null default '9999-12-31 23:59:59', --/D the time CU3 ingested (or rejected) the file's headers --/U UTC --/C TIME_DATE
metadataEventID  int not null default -99999999,                  --/D the curation event (CU3) that ingested (or rejected) the file's headers --/C REFER_CODE
detectionState   tinyint not null default 0,                      --/D the state of the detection ingest by CU4 (0 = pending, 1 = ingested, 2 = rejected, 3 = not applicable) --/C CODE_MISC --/V 0,1,2,3
detectionTime    datetime not null default '9999-12-31 23:59:59', --/D the time CU4 ingested (or rejected) the file's detections --/U UTC --/C TIME_DATE
detectionEventID int not null default -99999999,                  --/D the curation event (CU4) that ingested (or rejected) the file's detections --/C REFER_CODE
rejectReason     varchar(256) not null default 'NONE',            --/D why the file was rejected by CU3 or CU4; NONE if it was not --/C NOTE
deprecated       tinyint not null default 0,                      --/D flag: 1 if the file has been superseded (eg. a reprocessed version arrived), else 0 --/C CODE_MISC --/V 0,1
CONSTRAINT pk_ArchivedFile PRIMARY KEY (fileID),
CONSTRAINT fk_ArchivedFile_ArchiveCurationHistory FOREIGN KEY (cuEventID) REFERENCES ArchiveCurationHistory(cuEventID)
)
GO
