--=============================================================================
--
-- Indices.sql
--
-- The indices every table of the Curation archive must have before a
-- release; CU18 (create-indices) creates them. Primary keys are declared
-- in the table scripts and are not repeated here.
--
-- Template tables use the placeholders of their scripts: {prog} is
-- replaced by Programme.tablePrefix and {ext} by
-- ExternalSurveyTable.extTableAlias, in index names as in table names.
--
-- Each index is one statement on one line, preceded by a comment saying
-- why it exists and followed by GO.
--
--=============================================================================


-- Programmes are looked up by their PROJECT keyword value when frames are assigned.
CREATE UNIQUE INDEX ix_Programme_dfsIDString ON Programme (dfsIDString)
GO

-- Programmes are looked up by table prefix when template tables are named and filled (not unique: several programmes have NONE).
CREATE INDEX ix_Programme_tablePrefix ON Programme (tablePrefix)
GO

-- Filters are looked up by the FILTER keyword value.
CREATE UNIQUE INDEX ix_Filter_shortName ON Filter (shortName)
GO

-- Curation tasks are invoked by their command name.
CREATE UNIQUE INDEX ix_CurationTask_name ON CurationTask (name)
GO

-- The latest run of a task is found by task and completion time (release checks, monitoring).
CREATE INDEX ix_ArchiveCurationHistory_cuID_timeStamp ON ArchiveCurationHistory (cuID, timeStamp)
GO

-- The history of one programme is read in event order by the release checks.
CREATE INDEX ix_ProgrammeCurationHistory_programmeID ON ProgrammeCurationHistory (programmeID, cuEventID)
GO

-- A file is registered only once under a given archive path.
CREATE UNIQUE INDEX ix_ArchivedFile_fileName ON ArchivedFile (fileName)
GO

-- CU1 recognises a file it has already transferred by its checksum.
CREATE INDEX ix_ArchivedFile_checksum ON ArchivedFile (checksum)
GO

-- CU3 and CU4 select the files of a night still waiting for ingest.
CREATE INDEX ix_ArchivedFile_night_state ON ArchivedFile (night, metadataState, detectionState)
GO

-- Rows written by one curation event are found for roll-back.
CREATE INDEX ix_ArchivedFile_cuEventID ON ArchivedFile (cuEventID)
GO

-- Each registered file is ingested as at most one multiframe.
CREATE UNIQUE INDEX ix_Multiframe_fileID ON Multiframe (fileID)
GO

-- Frames are selected per programme and filter (merging, products).
CREATE INDEX ix_Multiframe_programmeID_filterID ON Multiframe (programmeID, filterID)
GO

-- Frames are selected by night.
CREATE INDEX ix_Multiframe_utDate ON Multiframe (utDate)
GO

-- Frames are selected by time of observation.
CREATE INDEX ix_Multiframe_mjdObs ON Multiframe (mjdObs)
GO

-- Rows written by one curation event are found for roll-back.
CREATE INDEX ix_Multiframe_cuEventID ON Multiframe (cuEventID)
GO

-- Detector frames are selected by filter.
CREATE INDEX ix_MultiframeDetector_filterID ON MultiframeDetector (filterID)
GO

-- Detector frames are found by position (frame-set building, spatial queries).
CREATE INDEX ix_CurrentAstrometry_htmID ON CurrentAstrometry (htmID)
GO

-- Detector frames are found by position with a dec-band pre-filter.
CREATE INDEX ix_CurrentAstrometry_centralDec_centralRA ON CurrentAstrometry (centralDec, centralRA)
GO

-- The combined frames a component went into are found from the component.
CREATE INDEX ix_Provenance_multiframeID ON Provenance (multiframeID)
GO

-- The programmes of a frame are found from the frame.
CREATE INDEX ix_ProgrammeFrame_multiframeID ON ProgrammeFrame (multiframeID)
GO

-- Header keywords are queried across all ingested files.
CREATE INDEX ix_HeaderCard_keyword ON HeaderCard (keyword)
GO

-- Detections are fetched by their archive-wide identifier.
CREATE UNIQUE INDEX ix_{prog}Detection_objID ON {prog}Detection (objID)
GO

-- Spatial queries on detections use the HTM index.
CREATE INDEX ix_{prog}Detection_htmID ON {prog}Detection (htmID)
GO

-- Positional matching of detections uses a dec-band pre-filter.
CREATE INDEX ix_{prog}Detection_dec_ra ON {prog}Detection (dec, ra)
GO

-- Detections are selected by filter.
CREATE INDEX ix_{prog}Detection_filterID ON {prog}Detection (filterID)
GO

-- Merging looks frame sets up by their J frame.
CREATE INDEX ix_{prog}MergeLog_jmfID_jeNum ON {prog}MergeLog (jmfID, jeNum)
GO

-- Merging looks frame sets up by their Z frame.
CREATE INDEX ix_{prog}MergeLog_zmfID_zeNum ON {prog}MergeLog (zmfID, zeNum)
GO

-- Merging looks frame sets up by their Y frame.
CREATE INDEX ix_{prog}MergeLog_ymfID_yeNum ON {prog}MergeLog (ymfID, yeNum)
GO

-- Merging looks frame sets up by their H frame.
CREATE INDEX ix_{prog}MergeLog_hmfID_heNum ON {prog}MergeLog (hmfID, heNum)
GO

-- Merging looks frame sets up by their K frame.
CREATE INDEX ix_{prog}MergeLog_kmfID_keNum ON {prog}MergeLog (kmfID, keNum)
GO

-- Frame sets are found by position.
CREATE INDEX ix_{prog}MergeLog_htmID ON {prog}MergeLog (htmID)
GO

-- The sources of one frame set are fetched together (re-merging, seaming).
CREATE INDEX ix_{prog}Source_frameSetID ON {prog}Source (frameSetID)
GO

-- Spatial queries on sources use the HTM index.
CREATE INDEX ix_{prog}Source_htmID ON {prog}Source (htmID)
GO

-- Positional matching of sources (neighbours, seaming) uses a dec-band pre-filter.
CREATE INDEX ix_{prog}Source_dec_ra ON {prog}Source (dec, ra)
GO

-- Science queries select primary sources (priOrSec 0 or own frame set).
CREATE INDEX ix_{prog}Source_priOrSec ON {prog}Source (priOrSec)
GO

-- Neighbours are also looked up from the slave side.
CREATE INDEX ix_{prog}SourceNeighbours_slaveObjID ON {prog}SourceNeighbours (slaveObjID)
GO

-- Cross-neighbours are looked up from the external source.
CREATE INDEX ix_{prog}SourceX{ext}_slaveObjID ON {prog}SourceX{ext} (slaveObjID)
GO
